package dev.mosaic.plan.validate;

import dev.mosaic.plan.wasm.WasmInterface;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The imports and exports read from module blobs, kept per digest so that a host validating many
 * plans over the same modules reads each module's interface once. A blob is content-addressed, so
 * its interface is a function of its bytes; the cache makes that literal: an entry holds its own
 * copy of the bytes it was read from, and a lookup hits only when the bytes the store just returned
 * (and verified against the digest) are equal to that copy. A blob store that failed to verify, or
 * a verifier that changed the bytes it was shown, can therefore never make a stale interface stand
 * for other bytes. Only interfaces that were read without error are kept, so every error is
 * reported with the plan that has it. Entries are per tenant: one tenant's plans never hit (and so
 * cannot time) what another tenant's validation kept.
 *
 * <p>Bounded by count and by bytes, least recently used first out; a blob bigger than a quarter of
 * the byte budget is not kept. The byte budget is a sixteenth of the heap, at most 64 MiB, so the
 * cache cannot crowd out a small heap. Safe for concurrent use.
 */
final class InterfaceCache {
  static final int MAX_ENTRIES = 4_096;
  static final long MAX_BYTES = Math.min(64L << 20, Runtime.getRuntime().maxMemory() / 16);

  private record Key(String tenant, String digest) {}

  private record Entry(byte[] bytes, WasmInterface shape) {}

  private final int maxEntries;
  private final long maxBytes;
  private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
  private long bytes;

  InterfaceCache() {
    this(MAX_ENTRIES, MAX_BYTES);
  }

  InterfaceCache(int maxEntries, long maxBytes) {
    this.maxEntries = maxEntries;
    this.maxBytes = maxBytes;
  }

  /** The interface read earlier from exactly these bytes of this tenant's digest, or null. */
  synchronized WasmInterface get(String tenant, String digest, byte[] wasm) {
    Entry e = entries.get(new Key(tenant, digest));
    return e != null && Arrays.equals(e.bytes(), wasm) ? e.shape() : null;
  }

  /** Keeps the interface read from {@code wasm}, whose digest the blob store has verified. */
  synchronized void put(String tenant, String digest, byte[] wasm, WasmInterface shape) {
    if (wasm.length > maxBytes / 4) {
      return;
    }
    Entry old = entries.put(new Key(tenant, digest), new Entry(wasm.clone(), shape));
    if (old != null) {
      bytes -= old.bytes().length;
    }
    bytes += wasm.length;
    Iterator<Map.Entry<Key, Entry>> eldest = entries.entrySet().iterator();
    while (entries.size() > maxEntries || bytes > maxBytes) {
      bytes -= eldest.next().getValue().bytes().length;
      eldest.remove();
    }
  }

  synchronized int size() {
    return entries.size();
  }

  synchronized long bytes() {
    return bytes;
  }
}
