package dev.mosaic.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.plan.MosaicException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Modules that cannot be linked are refused with a code, and the tenant's budget is returned. */
class LinkErrorsTest {
  @TempDir Path dir;
  private TestPlans plans;
  private WasmHost host;

  @BeforeEach
  void setUp() {
    plans = new TestPlans(dir);
    host =
        WasmHost.builder()
            .guestLog(line -> {})
            .limits(HostLimits.DEFAULT.withMaxCompositionsPerTenant(1))
            .build();
  }

  @AfterEach
  void tearDown() {
    host.close();
  }

  private void assertRefused(String guest, String capability, String code, String message) {
    var plan = plans.plan("t1").component("g", guest).allow("g", capability).validate();
    assertThatThrownBy(() -> host.instantiate(plan))
        .isInstanceOfSatisfying(
            MosaicException.class,
            e -> {
              assertThat(e.code()).isEqualTo(code);
              assertThat(e.exitCode()).isEqualTo(70);
            })
        .hasMessageContaining(message);
  }

  @Test
  void anUnknownHostFunctionIsRefused() {
    assertRefused(
        "badimport", "clock", HostCodes.LINK, "imports `mosaic.clock_sundial`, which this host");
  }

  @Test
  void aHostFunctionWithTheWrongTypeIsRefused() {
    assertRefused("wrongtype", "clock", HostCodes.LINK, "as () -> (i32) but the host function is");
  }

  @Test
  void stringsWithoutAllocAreRefused() {
    assertRefused("noalloc", "log", HostCodes.ABI, "does not export `memory` and `alloc`");
  }

  @Test
  void aRefusedPlanReleasesItsReservation() {
    assertRefused("wrongtype", "clock", HostCodes.LINK, "host function");
    try (Composition c = host.instantiate(plans.plan("t1").component("text", "text").validate())) {
      assertThat(c.call("text", "upper", List.of("ok"))).isEqualTo("OK");
    }
  }
}
