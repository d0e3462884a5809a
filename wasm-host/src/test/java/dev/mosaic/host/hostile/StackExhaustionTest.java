package dev.mosaic.host.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.host.Composition;
import dev.mosaic.host.HostLimits;
import dev.mosaic.host.WasmHost;
import dev.mosaic.plan.MosaicException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Endless recursion that re-enters the host at every level is a stack exhaustion (E9006). */
class StackExhaustionTest {
  @TempDir Path dir;

  @Test
  void endlessReentryThroughABindingIsAStackExhaustion() {
    try (WasmHost host =
            WasmHost.builder().guestLog(line -> {}).limits(HostLimits.DEFAULT).build();
        Composition c =
            host.instantiate(
                new LimitGuests(dir)
                    .component("text", "text")
                    .component("diver", "reenter")
                    .bind("diver", "text", "upper", "text", "upper")
                    .maxTime(60_000)
                    .validate())) {
      for (int i = 0; i < 3; i++) {
        assertThatThrownBy(() -> c.call("diver", "dive", List.of(0)))
            .isInstanceOfSatisfying(
                MosaicException.class,
                e -> {
                  assertThat(e.code()).isEqualTo("E9006");
                  assertThat(e.exitCode()).isEqualTo(70);
                  assertThat(e.getMessage()).contains("call `diver.dive` exhausted the call stack");
                });
      }
    }
  }
}
