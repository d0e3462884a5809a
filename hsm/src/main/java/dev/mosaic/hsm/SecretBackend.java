package dev.mosaic.hsm;

/**
 * Where secrets come from: a PKCS#11 token, the environment (development only), Vault, or a plugin.
 * Implementations are thread-safe. Errors are {@link dev.mosaic.plan.MosaicException}s with E7xxx
 * codes whose messages never contain secret values.
 */
public interface SecretBackend extends AutoCloseable {

  /** A URI-like name for audit events, e.g. {@code pkcs11://mosaic} or {@code vault://kv}. */
  String id();

  /** Reads a secret value by name. */
  Secret read(String name);

  /**
   * Computes HMAC-SHA256 over {@code data} with the named key without the key leaving the backend
   * (use-without-reading).
   */
  byte[] hmacSha256(String keyName, byte[] data);

  @Override
  default void close() {}
}
