package dev.mosaic.plan.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.plan.wasm.WasmInterface;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The interface cache answers only for equal bytes and stays within its count and byte bounds. */
class InterfaceCacheTest {
  private static final WasmInterface SHAPE =
      new WasmInterface(List.of(), List.of(), List.of(), 0, List.of(), List.of());

  private static byte[] bytes(int size, int fill) {
    byte[] b = new byte[size];
    java.util.Arrays.fill(b, (byte) fill);
    return b;
  }

  @Test
  void answersOnlyForTheBytesTheInterfaceWasReadFrom() {
    InterfaceCache cache = new InterfaceCache(10, 1_000);
    byte[] wasm = bytes(10, 1);
    cache.put("acme", "sha256:a", wasm, SHAPE);
    assertThat(cache.get("acme", "sha256:a", bytes(10, 1))).isSameAs(SHAPE);
    assertThat(cache.get("acme", "sha256:a", bytes(10, 2))).isNull();
    assertThat(cache.get("acme", "sha256:a", bytes(11, 1))).isNull();
    assertThat(cache.get("acme", "sha256:b", bytes(10, 1))).isNull();
  }

  @Test
  void oneTenantNeverHitsWhatAnothersValidationKept() {
    InterfaceCache cache = new InterfaceCache(10, 1_000);
    cache.put("acme", "sha256:a", bytes(10, 1), SHAPE);
    assertThat(cache.get("globex", "sha256:a", bytes(10, 1))).isNull();
    assertThat(cache.get("acme", "sha256:a", bytes(10, 1))).isSameAs(SHAPE);
  }

  @Test
  void keepsItsOwnCopyOfTheBytes() {
    InterfaceCache cache = new InterfaceCache(10, 1_000);
    byte[] wasm = bytes(10, 1);
    cache.put("acme", "sha256:a", wasm, SHAPE);
    wasm[0] = 9; // whoever held the array changes it after the interface was read
    assertThat(cache.get("acme", "sha256:a", wasm)).isNull();
    assertThat(cache.get("acme", "sha256:a", bytes(10, 1))).isSameAs(SHAPE);
  }

  @Test
  void isBoundedByCountLeastRecentlyUsedFirstOut() {
    InterfaceCache cache = new InterfaceCache(3, 1_000);
    for (int i = 0; i < 3; i++) {
      cache.put("acme", "sha256:" + i, bytes(10, i), SHAPE);
    }
    cache.get("acme", "sha256:0", bytes(10, 0));
    cache.put("acme", "sha256:3", bytes(10, 3), SHAPE);
    assertThat(cache.size()).isEqualTo(3);
    assertThat(cache.get("acme", "sha256:1", bytes(10, 1))).isNull();
    assertThat(cache.get("acme", "sha256:0", bytes(10, 0))).isSameAs(SHAPE);
  }

  @Test
  void isBoundedByBytesAndKeepsNoBlobOverAQuarterOfThem() {
    InterfaceCache cache = new InterfaceCache(1_000, 100);
    for (int i = 0; i < 20; i++) {
      cache.put("acme", "sha256:" + i, bytes(20, i), SHAPE);
    }
    assertThat(cache.bytes()).isLessThanOrEqualTo(100);
    assertThat(cache.size()).isEqualTo(5);
    cache.put("acme", "sha256:big", bytes(26, 1), SHAPE);
    assertThat(cache.get("acme", "sha256:big", bytes(26, 1))).isNull();
    assertThat(cache.bytes()).isLessThanOrEqualTo(100);
  }
}
