package dev.mosaic.plan.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.plan.wasm.WasmInterface;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The interface cache under attack: validations of many tenants at once putting and getting the
 * same digests with other bytes while entries are evicted, a blob exactly at the size bound and one
 * byte over, an entry replaced by bytes of another size. Whatever the interleaving, a hit is the
 * interface read from exactly the bytes asked about, and the byte count stays exact and in bounds.
 */
class InterfaceCacheHostileTest {
  /** One interface per content, so a hit can be checked against the bytes it answered for. */
  private static WasmInterface shape(int content) {
    return new WasmInterface(List.of(), List.of("m" + content), List.of(), 0, List.of(), List.of());
  }

  private static byte[] bytes(int size, int content) {
    byte[] b = new byte[size];
    Arrays.fill(b, (byte) content);
    return b;
  }

  @Test
  void concurrentValidationsNeverGetAnotherContentsInterfaceAndStayInBounds() throws Exception {
    InterfaceCache cache = new InterfaceCache(16, 4_000);
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch go = new CountDownLatch(1);
    ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<Long> badBytes = new ConcurrentLinkedQueue<>();
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int seed = t;
      done.add(
          pool.submit(
              () -> {
                go.await();
                java.util.Random random = new java.util.Random(seed);
                for (int i = 0; i < 20_000; i++) {
                  String tenant = "t" + random.nextInt(3);
                  // Few digests, each served with several contents and sizes: a store that lies.
                  String digest = "sha256:" + random.nextInt(40);
                  int content = random.nextInt(4);
                  byte[] wasm = bytes(1 + random.nextInt(1_000) + content, content);
                  WasmInterface hit = cache.get(tenant, digest, wasm);
                  if (hit != null && !hit.otherImports().equals(List.of("m" + content))) {
                    wrong.add(tenant + " " + digest + " " + content + " got " + hit.otherImports());
                  }
                  if (hit == null) {
                    cache.put(tenant, digest, wasm, shape(content));
                  }
                  long b = cache.bytes();
                  if (b < 0 || b > 4_000) {
                    badBytes.add(b);
                  }
                }
                return null;
              }));
    }
    go.countDown();
    for (Future<?> f : done) {
      f.get(120, TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertThat(wrong).isEmpty();
    assertThat(badBytes).isEmpty();
    assertThat(cache.size()).isLessThanOrEqualTo(16);
  }

  @Test
  void aBlobOfExactlyAQuarterOfTheBytesIsKeptAndOneByteMoreIsNot() {
    InterfaceCache cache = new InterfaceCache(10, 400);
    cache.put("acme", "sha256:q", bytes(100, 1), shape(1));
    assertThat(cache.get("acme", "sha256:q", bytes(100, 1))).isNotNull();
    assertThat(cache.bytes()).isEqualTo(100);
    cache.put("acme", "sha256:over", bytes(101, 1), shape(1));
    assertThat(cache.get("acme", "sha256:over", bytes(101, 1))).isNull();
    assertThat(cache.bytes()).isEqualTo(100);
    assertThat(cache.size()).isEqualTo(1);
  }

  @Test
  void anEntryReplacedByOtherBytesIsCountedOnceAndAnswersOnlyForTheNewBytes() {
    InterfaceCache cache = new InterfaceCache(10, 400);
    cache.put("acme", "sha256:a", bytes(90, 1), shape(1));
    cache.put("acme", "sha256:a", bytes(10, 2), shape(2));
    assertThat(cache.bytes()).isEqualTo(10);
    assertThat(cache.size()).isEqualTo(1);
    assertThat(cache.get("acme", "sha256:a", bytes(90, 1))).isNull();
    assertThat(cache.get("acme", "sha256:a", bytes(10, 2)).otherImports()).containsExactly("m2");
    // Too big to keep: the old entry stays and still answers only for its own bytes.
    cache.put("acme", "sha256:a", bytes(101, 3), shape(3));
    assertThat(cache.get("acme", "sha256:a", bytes(101, 3))).isNull();
    assertThat(cache.bytes()).isEqualTo(10);
  }

  @Test
  void manyDistinctSmallModulesEvictInOrderAndKeepTheCountExact() {
    InterfaceCache cache = new InterfaceCache(InterfaceCache.MAX_ENTRIES, 1L << 20);
    int n = InterfaceCache.MAX_ENTRIES * 4;
    for (int i = 0; i < n; i++) {
      cache.put("acme", "sha256:" + i, bytes(8, i), shape(i));
    }
    assertThat(cache.size()).isEqualTo(InterfaceCache.MAX_ENTRIES);
    assertThat(cache.bytes()).isEqualTo(8L * InterfaceCache.MAX_ENTRIES);
    assertThat(cache.get("acme", "sha256:0", bytes(8, 0))).isNull();
    assertThat(cache.get("acme", "sha256:" + (n - 1), bytes(8, n - 1))).isNotNull();
  }
}
