package dev.mosaic.host.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.host.Composition;
import dev.mosaic.host.HostCodes;
import dev.mosaic.host.HostLimits;
import dev.mosaic.host.WasmHost;
import dev.mosaic.host.component.ComponentPlans;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.ValidatedPlan;
import dev.mosaic.plan.store.FileBlobStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A component whose post-return traps after its result was lifted: the call is not a success (the
 * result is not handed out as if the call had ended cleanly), it is a trap (E9001) through the
 * shared failure tail, and the tenant's slot is not lost.
 */
class PostReturnTrapTest {
  @TempDir Path dir;
  private WasmHost host;

  @BeforeEach
  void setUp() {
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

  @Test
  void aPostReturnThatTrapsMakesTheCallATrapNotASuccess() {
    ValidatedPlan plan =
        new ComponentPlans(new FileBlobStore(dir))
            .component("p", "hostile-post-trap", "two")
            .maxMillis(10_000)
            .validate();
    try (Composition c = host.instantiate(plan)) {
      assertThat(c.call("p", "two", List.of())).isEqualTo(2L);
      for (String f : List.of("text", "one")) {
        assertThatThrownBy(() -> c.call("p", f, List.of()))
            .as(f)
            .isInstanceOfSatisfying(
                MosaicException.class, e -> assertThat(e.code()).isEqualTo(HostCodes.TRAP));
      }
    }
    // Closed by its owner after the traps, its slot is back: the tenant's one composition builds.
    try (Composition again = host.instantiate(plan)) {
      assertThat(again.call("p", "two", List.of())).isEqualTo(2L);
    }
  }
}
