package dev.mosaic.plan.validate;

import dev.mosaic.plan.Component;
import dev.mosaic.plan.Plan;
import dev.mosaic.plan.PlanValidator;
import dev.mosaic.plan.PolicyRule;
import dev.mosaic.plan.SystemLimits;
import dev.mosaic.plan.TenantLimits;
import dev.mosaic.plan.codec.PlanReader;
import dev.mosaic.plan.diag.Diagnostic;
import dev.mosaic.plan.diag.Diagnostics;
import dev.mosaic.plan.diag.PlanCodes;
import dev.mosaic.plan.rules.PlanRules;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Phase 1, schema: version, counts (before anything is iterated), names, digests, value types,
 * signature requirements, policy rules, and the tenant's limits against the system's and the
 * tenant's ceiling (E3xxx, E7002, E8xxx).
 */
public final class SchemaPhase implements ValidationPhase {
  private final SystemLimits limits;
  private final Map<String, TenantLimits> tenantCeilings;
  private final TenantLimits defaultCeiling;

  /**
   * @param limits the host's hard limits
   * @param tenantCeilings the most each named tenant's plans may ask for
   * @param defaultCeiling the ceiling for other tenants, or {@code null} for none
   */
  public SchemaPhase(
      SystemLimits limits, Map<String, TenantLimits> tenantCeilings, TenantLimits defaultCeiling) {
    this.limits = limits;
    this.tenantCeilings = Map.copyOf(tenantCeilings);
    this.defaultCeiling = defaultCeiling;
  }

  @Override
  public Loaded check(Plan plan) {
    Diagnostics r = new Diagnostics(PlanValidator.MAX_DIAGNOSTICS);
    if (plan.formatVersion() != Plan.FORMAT_VERSION) {
      r.add(
          Diagnostic.of(
                  PlanCodes.UNSUPPORTED_VERSION,
                  "unsupported plan format version " + plan.formatVersion())
              .withHelp("this host reads format version " + Plan.FORMAT_VERSION));
      r.throwIfAny();
    }
    PlanRules.componentCount(plan.components().size(), limits).ifPresent(r::add);
    PlanRules.bindingCount(plan.bindings().size(), limits).ifPresent(r::add);
    // Counts are checked before anything is iterated.
    r.throwIfAny();
    PlanRules.tenantName(plan.tenant()).ifPresent(r::add);
    tenantLimits(plan, r);
    Set<String> ids = new HashSet<>();
    for (Component c : plan.components()) {
      Optional<Diagnostic> badId = PlanRules.componentId(c.id());
      if (badId.isPresent()) {
        r.add(badId.get());
      } else if (!ids.add(c.id())) {
        r.add(PlanCodes.DUPLICATE_COMPONENT, "duplicate component id `" + c.id() + "`");
      }
      PlanRules.digest(c.id(), c.digest()).ifPresent(r::add);
      PlanRules.valueTypes(c.id(), c.imports()).forEach(r::add);
      PlanRules.valueTypes(c.id(), c.exports()).forEach(r::add);
      PlanRules.signatureRequirement(c.id(), c.signature()).forEach(r::add);
    }
    for (PolicyRule rule : plan.policy()) {
      PlanRules.ruleCapability(rule).ifPresent(r::add);
      for (String pattern : rule.patterns()) {
        PlanRules.rulePattern(rule, pattern).ifPresent(r::add);
      }
    }
    r.throwIfAny();
    return Loaded.NONE;
  }

  private void tenantLimits(Plan plan, Diagnostics r) {
    TenantLimits asked = plan.limits();
    PlanRules.tenantComponents(plan.components().size(), asked).ifPresent(r::add);
    PlanRules.tenantMemory(asked, limits).ifPresent(r::add);
    TenantLimits ceiling = tenantCeilings.getOrDefault(plan.tenant(), defaultCeiling);
    if (ceiling != null && !asked.within(ceiling)) {
      r.add(
          Diagnostic.of(
                  PlanCodes.TENANT_LIMIT_EXCEEDED,
                  "plan asks for limits "
                      + describe(asked)
                      + " over what tenant `"
                      + clip(plan.tenant())
                      + "` is granted, "
                      + describe(ceiling))
              .withHelp("lower the limits in the script's tenant block"));
    }
  }

  private static String describe(TenantLimits l) {
    return "(components "
        + l.maxComponents()
        + ", memory "
        + l.maxMemoryBytes()
        + " bytes, time "
        + l.maxExecutionMillis()
        + " ms)";
  }

  private static String clip(String s) {
    return PlanReader.clip(s);
  }
}
