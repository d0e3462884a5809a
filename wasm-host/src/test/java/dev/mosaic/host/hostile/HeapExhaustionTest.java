package dev.mosaic.host.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.host.Composition;
import dev.mosaic.host.HostLimits;
import dev.mosaic.host.WasmHost;
import dev.mosaic.plan.MosaicException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A guest that exhausts the JVM's heap (200 tables, each grown until refused) on a host that lifted
 * the table caps: the failure is the host's memory (E9010), never a stack exhaustion (E9006). Runs
 * in a JVM of its own with a 192 MiB heap (the {@code small-heap} group of wasm-host's pom).
 */
@Tag("small-heap")
class HeapExhaustionTest {
  @TempDir Path dir;

  @Test
  void heapExhaustionIsReportedAsHostMemoryNotAsAStackExhaustion() {
    HostLimits uncapped = HostLimits.DEFAULT.withTableLimits(0xFFFF_FFFFL, 1L << 40, 1_000);
    try (WasmHost host = WasmHost.builder().guestLog(line -> {}).limits(uncapped).build();
        Composition c =
            host.instantiate(
                new LimitGuests(dir).component("t", "manytables").maxTime(60_000).validate())) {
      assertThatThrownBy(() -> c.call("t", "grow_all", List.of(10_000_000)))
          .isInstanceOfSatisfying(
              MosaicException.class,
              e -> {
                assertThat(e.code()).isEqualTo("E9010");
                assertThat(e.exitCode()).isEqualTo(70);
                assertThat(e.getMessage())
                    .contains("the host ran out of memory during call `t.grow_all`");
              });
      assertThat(c.isClosed()).isTrue();
    }
  }
}
