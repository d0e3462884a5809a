package dev.mosaic.plan.validate;

import dev.mosaic.plan.Component;
import dev.mosaic.plan.Plan;
import dev.mosaic.plan.PlanValidator;
import dev.mosaic.plan.SystemLimits;
import dev.mosaic.plan.diag.Diagnostics;
import dev.mosaic.plan.rules.PlanRules;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Phase 3, graph: no cycle (its path is named), no disconnected component, no chain deeper than
 * {@link SystemLimits#maxGraphDepth()} (E5xxx). The rules are {@link PlanRules#graph}, which the
 * compiler calls too.
 */
public final class GraphPhase implements ValidationPhase {
  private final SystemLimits limits;

  /**
   * @param limits the host's hard limits
   */
  public GraphPhase(SystemLimits limits) {
    this.limits = limits;
  }

  @Override
  public Loaded check(Plan plan) {
    Diagnostics r = new Diagnostics(PlanValidator.MAX_DIAGNOSTICS);
    Set<String> entryComponents = new HashSet<>();
    plan.entryPoints().forEach(e -> entryComponents.add(e.component()));
    List<String> ids = plan.components().stream().map(Component::id).toList();
    for (PlanRules.GraphFinding f :
        PlanRules.graph(ids, plan.bindings(), entryComponents, limits.maxGraphDepth())) {
      r.add(f.diagnostic());
    }
    r.throwIfAny();
    return Loaded.NONE;
  }
}
