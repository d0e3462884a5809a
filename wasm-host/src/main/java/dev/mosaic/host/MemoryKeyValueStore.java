package dev.mosaic.host;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The embedded default {@link KeyValueStore}: in memory, one map per tenant, with caps on key size,
 * value size and each tenant's total bytes (keys plus values).
 */
public final class MemoryKeyValueStore implements KeyValueStore {
  private final int maxKeyBytes;
  private final int maxValueBytes;
  private final long maxTenantBytes;
  private final Map<String, Namespace> tenants = new ConcurrentHashMap<>();

  public MemoryKeyValueStore(int maxKeyBytes, int maxValueBytes, long maxTenantBytes) {
    this.maxKeyBytes = maxKeyBytes;
    this.maxValueBytes = maxValueBytes;
    this.maxTenantBytes = maxTenantBytes;
  }

  /** 256-byte keys, 1 MiB values, 16 MiB per tenant. */
  public MemoryKeyValueStore() {
    this(256, 1 << 20, 16L << 20);
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
      long next = ns.bytes + value.length + (old == null ? keyBytes : -old.length);
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
      ns.bytes -= old.length + key.getBytes(StandardCharsets.UTF_8).length;
      return true;
    }
  }

  private static final class Namespace {
    private final Map<String, byte[]> values = new HashMap<>();
    private long bytes;
  }
}
