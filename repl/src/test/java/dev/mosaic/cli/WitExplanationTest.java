package dev.mosaic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.cli.text.Explanation;
import dev.mosaic.cli.text.RuleOrigins;
import dev.mosaic.plan.Component;
import dev.mosaic.plan.Plan;
import dev.mosaic.plan.PolicyRule;
import dev.mosaic.plan.SignatureRequirement;
import dev.mosaic.plan.TenantLimits;
import dev.mosaic.plan.WitWorld;
import java.util.List;
import org.junit.jupiter.api.Test;

/** `explain` names the WIT imports of a component that ask for a capability. */
class WitExplanationTest {
  static Plan plan(List<PolicyRule> policy) {
    Component app =
        new Component(
            "app",
            "sha256:" + "0".repeat(64),
            List.of(),
            List.of(),
            SignatureRequirement.NONE,
            new WitWorld(
                List.of(
                    "wasi:cli/stdout@0.2.3#get-stdout",
                    "wasi:clocks/wall-clock@0.2.3#now",
                    "mosaic:calc/ops@0.1.0#add"),
                List.of("run")));
    return new Plan(1, "t", List.of(app), List.of(), policy, TenantLimits.DEFAULT, List.of());
  }

  @Test
  void aWitImportIsNamedAsWhatAsksForTheCapability() {
    Explanation log =
        Explanation.of(
            plan(List.of(new PolicyRule(PolicyRule.Effect.ALLOW, "app", "log", List.of()))),
            new RuleOrigins.InPlan("p"),
            "app",
            "log",
            null);
    assertThat(log.allowed()).isTrue();
    assertThat(log.text())
        .contains("asked by its WIT imports: `wasi:cli/stdout@0.2.3#get-stdout`")
        .doesNotContain("does not import");
    Explanation clock =
        Explanation.of(plan(List.of()), new RuleOrigins.InPlan("p"), "app", "clock", null);
    assertThat(clock.allowed()).isFalse();
    assertThat(clock.text())
        .contains("asked by its WIT imports: `wasi:clocks/wall-clock@0.2.3#now`");
    Explanation secret =
        Explanation.of(plan(List.of()), new RuleOrigins.InPlan("p"), "app", "secret", null);
    assertThat(secret.text()).contains("does not import `secret`").doesNotContain("WIT imports");
  }

  @Test
  void onlyWasiInterfacesMapOntoCapabilities() {
    assertThat(WitWorld.capabilityOf("wasi:cli/stderr@0.2.0#get-stderr")).isEqualTo("log");
    assertThat(WitWorld.capabilityOf("wasi:random/random@0.2.0#get-random-u64"))
        .isEqualTo("random");
    assertThat(WitWorld.capabilityOf("wasi:filesystem/types@0.2.0#[method]descriptor.read"))
        .isEqualTo("files");
    assertThat(WitWorld.capabilityOf("mosaic:calc/ops@0.1.0#add")).isNull();
    assertThat(WitWorld.capabilityOf("wasi:cli/stdoutx@0.2.0#f")).isNull();
    assertThat(WitWorld.capabilityOf("run")).isNull();
  }
}
