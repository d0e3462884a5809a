package dev.mosaic.host;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The embedded default {@link KeyValueStore}: in memory, one map per tenant, with caps on key size,
 * value size, each tenant's number of entries and each tenant's total bytes: keys plus values plus
 * {@value #ENTRY_OVERHEAD} bytes per entry for the map's own objects, so empty values are not free.
 *
 * <p>Thread-safety: thread-safe.
 */
public final class MemoryKeyValueStore implements KeyValueStore {
  /** What each entry is charged beyond its key and value (map node, key string, array header). */
  public static final int ENTRY_OVERHEAD = 128;

  private final int maxKeyBytes;
  private final int maxValueBytes;
  private final long maxTenantBytes;
  private final int maxEntries;
  private final Map<String, Namespace> tenants = new ConcurrentHashMap<>();

  /**
   * A store with these caps.
   *
   * @throws IllegalArgumentException when a cap is negative, or {@code maxKeyBytes} is below 1
   */
  public MemoryKeyValueStore(
      int maxKeyBytes, int maxValueBytes, long maxTenantBytes, int maxEntries) {
    if (maxKeyBytes < 1 || maxValueBytes < 0 || maxTenantBytes < 0 || maxEntries < 0) {
      throw new IllegalArgumentException("key-value store limits must not be negative");
    }
    this.maxKeyBytes = maxKeyBytes;
    this.maxValueBytes = maxValueBytes;
    this.maxTenantBytes = maxTenantBytes;
    this.maxEntries = maxEntries;
  }

  /** As many entries per tenant as its byte quota admits empty entries. */
  public MemoryKeyValueStore(int maxKeyBytes, int maxValueBytes, long maxTenantBytes) {
    this(
        maxKeyBytes,
        maxValueBytes,
        maxTenantBytes,
        (int) Math.min(Integer.MAX_VALUE, maxTenantBytes / ENTRY_OVERHEAD));
  }

  /** 256-byte keys, 1 MiB values, 16 MiB and 16,384 entries per tenant. */
  public MemoryKeyValueStore() {
    this(256, 1 << 20, 16L << 20, 16_384);
  }

  @Override
  public Optional<byte[]> get(String tenant, String key) {
    Namespace ns = tenants.get(tenant);
    if (ns == null) {
      return Optional.empty();
    }
    synchronized (ns) {
      byte[] v = ns.values.get(key);
      return v == null ? Optional.empty() : Optional.of(v.clone());
    }
  }

  @Override
  public void put(String tenant, String key, byte[] value) {
    int keyBytes = key.getBytes(StandardCharsets.UTF_8).length;
    if (keyBytes > maxKeyBytes) {
      throw new QuotaExceededException("key of " + keyBytes + " bytes, over " + maxKeyBytes);
    }
    if (value.length > maxValueBytes) {
      throw new QuotaExceededException(
          "value of " + value.length + " bytes, over " + maxValueBytes);
    }
    Namespace ns = tenants.computeIfAbsent(tenant, t -> new Namespace());
    synchronized (ns) {
      byte[] old = ns.values.get(key);
      if (old == null && ns.values.size() + 1 > maxEntries) {
        throw new QuotaExceededException(
            "tenant store would hold " + (ns.values.size() + 1) + " entries, over " + maxEntries);
      }
      long next = ns.bytes + value.length + (old == null ? keyBytes + ENTRY_OVERHEAD : -old.length);
      if (next > maxTenantBytes) {
        throw new QuotaExceededException(
            "tenant store would hold " + next + " bytes, over " + maxTenantBytes);
      }
      ns.values.put(key, value.clone());
      ns.bytes = next;
    }
  }

  @Override
  public boolean delete(String tenant, String key) {
    Namespace ns = tenants.get(tenant);
    if (ns == null) {
      return false;
    }
    synchronized (ns) {
      byte[] old = ns.values.remove(key);
      if (old == null) {
        return false;
      }
      ns.bytes -= old.length + key.getBytes(StandardCharsets.UTF_8).length + ENTRY_OVERHEAD;
      return true;
    }
  }

  private static final class Namespace {
    private final Map<String, byte[]> values = new HashMap<>();
    private long bytes;
  }
}
