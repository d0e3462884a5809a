package dev.mosaic.host.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.host.Composition;
import dev.mosaic.host.HostCodes;
import dev.mosaic.host.WasmHost;
import dev.mosaic.plan.MosaicException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guests that steer the copy of a string argument, which goes through the memory copy helper for
 * every whole 128 bytes: an {@code alloc} whose pointer plus the length overflows 32 bits (the
 * helper takes a 32-bit address, so a wrapped address would land at the memory's start), one that
 * traps, one that never returns, one that grows the memory to its maximum first; and a guest that
 * exports a function under the name {@code memory}.
 */
class MemoryCopyHostileTest {
  @TempDir Path dir;
  private WasmHost host;

  @BeforeEach
  void setUp() {
    host = WasmHost.builder().guestLog(line -> {}).build();
  }

  @AfterEach
  void tearDown() {
    host.close();
  }

  private Composition attack(long maxMillis) {
    return host.instantiate(
        new TimePlans(dir).plan("t1", maxMillis).component("e", "allocattack").validate());
  }

  private static void assertCode(Runnable call, String code, String message) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(MosaicException.class, e -> assertThat(e.code()).isEqualTo(code))
        .hasMessageContaining(message);
  }

  @Test
  void anAllocWhosePointerPlusLengthOverflows32BitsIsATrap() {
    try (Composition c = attack(10_000)) {
      String before = "a".repeat(1024);
      assertThat(c.call("e", "echo", List.of(before))).isEqualTo(before);
      c.call("e", "mode", List.of(1L));
      for (int size : List.of(128, 129, 256, 4096)) {
        assertCode(
            () -> c.call("e", "echo", List.of("w".repeat(size))),
            HostCodes.TRAP,
            "outside its memory");
      }
      // The composition carries on with an honest alloc.
      c.call("e", "mode", List.of(0L));
      assertThat(c.call("e", "echo", List.of("b".repeat(8)))).isEqualTo("b".repeat(8));
    }
  }

  @Test
  void anAllocThatTrapsIsATrapAndTheCompositionCarriesOn() {
    try (Composition c = attack(10_000)) {
      c.call("e", "mode", List.of(2L));
      assertCode(() -> c.call("e", "echo", List.of("t".repeat(300))), HostCodes.TRAP, "trapped");
      c.call("e", "mode", List.of(0L));
      assertThat(c.call("e", "echo", List.of("t".repeat(300)))).isEqualTo("t".repeat(300));
    }
  }

  @Test
  void anAllocThatNeverReturnsIsStoppedAtTheDeadline() {
    try (Composition c = attack(500)) {
      c.call("e", "mode", List.of(3L));
      assertCode(
          () -> c.call("e", "echo", List.of("s".repeat(300))), HostCodes.TIMEOUT, "ran past");
      assertThat(c.isClosed()).isTrue();
    }
  }

  @Test
  void anAllocThatGrowsTheMemoryToItsMaximumGetsTheWholeStringAtTheVeryEnd() {
    try (Composition c = attack(10_000)) {
      c.call("e", "mode", List.of(4L));
      for (int size : List.of(128, 1000, 4096, 70_000, 4 * 65536)) {
        String s = "m".repeat(size - 1) + "z";
        assertThat(c.call("e", "echo", List.of(s))).isEqualTo(s);
      }
      assertCode(
          () -> c.call("e", "echo", List.of("m".repeat(4 * 65536 + 1))), HostCodes.TRAP, "trapped");
    }
  }

  @Test
  void aFunctionExportedUnderTheNameMemoryIsNotTakenForTheMemory() {
    assertThatThrownBy(
            () ->
                host.instantiate(
                        new TimePlans(dir).plan("t1", 10_000).component("e", "memfunc").validate())
                    .close())
        .isInstanceOfSatisfying(
            MosaicException.class, e -> assertThat(e.code()).isEqualTo(HostCodes.ABI))
        .hasMessageContaining("does not export `memory`");
  }
}
