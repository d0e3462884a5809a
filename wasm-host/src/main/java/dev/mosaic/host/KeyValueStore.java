package dev.mosaic.host;

import java.util.Optional;

/**
 * Key-value storage behind the {@code kv} capability, one namespace per tenant. Implementations are
 * thread-safe (Thread-safety: every method may be called from many threads at once) and enforce
 * their own size caps by throwing {@link QuotaExceededException}.
 */
public interface KeyValueStore {
  /** The value of {@code key} in {@code tenant}'s namespace, if any. */
  Optional<byte[]> get(String tenant, String key);

  /**
   * Stores a value.
   *
   * @throws QuotaExceededException when the key, the value or the tenant's total is too large
   */
  void put(String tenant, String key, byte[] value);

  /** Removes a key; returns whether it was there. */
  boolean delete(String tenant, String key);

  /** A store's size cap was hit; the guest gets an error code, the host carries on. */
  final class QuotaExceededException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A quota failure described by {@code message} (host side only, never shown to a guest). */
    public QuotaExceededException(String message) {
      super(message, null, false, false);
    }
  }
}
