package dev.mosaic.host;

import dev.mosaic.plan.PolicyRule;
import dev.mosaic.plan.ValidatedPlan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Plans of one test guest (src/test/resources/wasm) under a policy, for tests outside this package
 * (the hostile-guest suite).
 */
public final class CapabilityFixture {
  private final TestPlans plans;
  private final List<PolicyRule> rules = new ArrayList<>();

  public CapabilityFixture(Path storeDir) {
    this.plans = new TestPlans(storeDir);
  }

  public CapabilityFixture allow(String capability, String... patterns) {
    rules.add(new PolicyRule(PolicyRule.Effect.ALLOW, "*", capability, List.of(patterns)));
    return this;
  }

  public CapabilityFixture deny(String capability, String... patterns) {
    rules.add(new PolicyRule(PolicyRule.Effect.DENY, "*", capability, List.of(patterns)));
    return this;
  }

  /**
   * A validated plan of tenant {@code tenant} with one component {@code id} running {@code guest}.
   */
  public ValidatedPlan plan(String tenant, String id, String guest) {
    TestPlans.PlanBuilder builder = plans.plan(tenant).component(id, guest);
    for (PolicyRule rule : rules) {
      if (rule.effect() == PolicyRule.Effect.ALLOW) {
        builder.allow(rule.component(), rule.capability(), rule.patterns().toArray(String[]::new));
      } else {
        builder.deny(rule.component(), rule.capability(), rule.patterns().toArray(String[]::new));
      }
    }
    return builder.validate();
  }
}
