package dev.mosaic.host.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.host.Composition;
import dev.mosaic.host.HostCodes;
import dev.mosaic.host.WasmHost;
import dev.mosaic.host.internal.ModuleInspector;
import dev.mosaic.plan.Component;
import dev.mosaic.plan.EntryPoint;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.Plan;
import dev.mosaic.plan.PlanValidator;
import dev.mosaic.plan.PolicyRule;
import dev.mosaic.plan.SystemLimits;
import dev.mosaic.plan.TenantLimits;
import dev.mosaic.plan.ValidatedPlan;
import dev.mosaic.plan.store.FileBlobStore;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** WASI guests that misuse what the host runs for them: initialization and standard output. */
class WasiHostileTest {
  @TempDir Path dir;
  private FileBlobStore blobs;
  private WasmHost host;
  private final List<String> log = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() {
    blobs = new FileBlobStore(dir);
    host = WasmHost.builder().guestLog(log::add).build();
  }

  @AfterEach
  void tearDown() {
    host.close();
  }

  private ValidatedPlan plan(String guest, long maxMillis, PolicyRule... rules) throws Exception {
    byte[] bytes;
    try (InputStream in = getClass().getResourceAsStream("/wasm/" + guest + ".wasm")) {
      bytes = in.readAllBytes();
    }
    ModuleInspector.ModuleInterface shape = ModuleInspector.inspect(guest, bytes);
    Component c = new Component(guest, blobs.put("t1", bytes), shape.imports(), shape.exports());
    Plan plan =
        new Plan(
            Plan.FORMAT_VERSION,
            "t1",
            List.of(c),
            List.of(),
            List.of(rules),
            new TenantLimits(10, 64L << 20, maxMillis),
            List.<EntryPoint>of());
    return new PlanValidator(SystemLimits.DEFAULT, blobs).validate(plan);
  }

  @Test
  void anInitializeThatNeverReturnsIsStoppedAtTheTimeLimitAndReleasesTheTenant() throws Exception {
    ValidatedPlan spin = plan("wasispin", 300);
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> host.instantiate(spin))
          .isInstanceOfSatisfying(
              MosaicException.class, e -> assertThat(e.code()).isEqualTo(HostCodes.TIMEOUT))
          .hasMessageContaining("`wasispin._initialize` ran past its limit");
    }
    // The stopped instantiations left nothing reserved: the tenant still runs a plan.
    try (Composition ok = host.instantiate(plan("wasicmd", 5_000))) {
      assertThat(ok.call("wasicmd", "_start", List.of())).isNull();
    }
  }

  @Test
  void outputWithoutNewlinesIsCutAtTheLogLineLimit() throws Exception {
    ValidatedPlan flood =
        plan(
            "wasiflood",
            30_000,
            new PolicyRule(PolicyRule.Effect.ALLOW, "wasiflood", "log", List.of()));
    try (Composition c = host.instantiate(flood)) {
      assertThat(c.call("wasiflood", "_start", List.of())).isNull();
    }
    assertThat(log).hasSize(1);
    assertThat(log.getFirst()).startsWith("[wasiflood] xxx").hasSizeLessThan(64 * 1024 + 64);
  }
}
