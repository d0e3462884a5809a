package dev.mosaic.host.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.host.Composition;
import dev.mosaic.host.HostCodes;
import dev.mosaic.host.TestPlans;
import dev.mosaic.host.WasmHost;
import dev.mosaic.plan.MosaicException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guests that steer where the host copies a string argument (through the memory copy helper for
 * every whole 128 bytes): an {@code alloc} answering at the memory's very end or one byte past it,
 * an {@code alloc} that grows the memory between writes, and a module that tries to import the
 * helper.
 */
class StringCopyHostileTest {
  @TempDir Path dir;
  private TestPlans plans;
  private WasmHost host;

  @BeforeEach
  void setUp() {
    plans = new TestPlans(dir);
    host = WasmHost.builder().guestLog(line -> {}).build();
  }

  @AfterEach
  void tearDown() {
    host.close();
  }

  @Test
  void anAllocAtTheMemorysLastBytesGetsTheStringAndOneBytePastIsATrap() {
    try (Composition c =
        host.instantiate(plans.plan("t1").component("e", "edgealloc").validate())) {
      for (int size : List.of(1, 8, 1024, 1025, 4096)) {
        String s = "q".repeat(size);
        assertThat(c.call("e", "echo", List.of(s))).isEqualTo(s);
      }
      c.call("e", "past", List.of(1));
      for (int size : List.of(1, 8, 1024, 1025, 4096)) {
        assertThatThrownBy(() -> c.call("e", "echo", List.of("q".repeat(size))))
            .isInstanceOfSatisfying(
                MosaicException.class, e -> assertThat(e.code()).isEqualTo(HostCodes.TRAP))
            .hasMessageContaining("outside its memory");
      }
      // The composition carries on at the edge.
      c.call("e", "past", List.of(0));
      assertThat(c.call("e", "echo", List.of("z".repeat(2048)))).isEqualTo("z".repeat(2048));
    }
  }

  @Test
  void memoryGrownByAllocBeforeEachWriteGetsTheWholeString() {
    try (Composition c =
        host.instantiate(plans.plan("t1").component("e", "growalloc").validate())) {
      for (int size : List.of(1024, 1025, 70_000, 128, 3000)) {
        String s = "g" + "€".repeat(size / 3) + "h".repeat(size % 3);
        assertThat(c.call("e", "echo", List.of(s))).isEqualTo(s);
      }
    }
  }

  @Test
  void aModuleImportingTheCopyHelperIsNotLinked() {
    assertThatThrownBy(
            () ->
                host.instantiate(
                        plans
                            .plan("t1")
                            .component("e", "echo")
                            .component("thief", "copyimport")
                            .validate())
                    .close())
        .isInstanceOfSatisfying(
            MosaicException.class, e -> assertThat(e.code()).isEqualTo("E6004"));
  }
}
