package dev.mosaic.interpreter.compiler;

import dev.mosaic.interpreter.CompileOptions;
import dev.mosaic.interpreter.diag.Problems;
import dev.mosaic.interpreter.model.CheckedComponent;
import dev.mosaic.plan.Binding;
import dev.mosaic.plan.EntryPoint;
import dev.mosaic.plan.SystemLimits;
import dev.mosaic.plan.diag.Diagnostic;
import dev.mosaic.plan.diag.PlanCodes;
import dev.mosaic.plan.diag.SourceLocation;
import dev.mosaic.plan.rules.PlanRules;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiler stage: the plan's rules about the composition as a whole, applied with {@link PlanRules}
 * (the functions the validator applies) while the script's lines are known: the number of
 * components and bindings (E8002, E8003, E8007) and the graph of bindings (cycles E5001 at the
 * {@code bind} lines that form them, disconnected components E5002 and chains too deep E5003 at the
 * component).
 */
final class CompositionStage {
  /** Edges of a cycle labelled before the rest are left to the message. */
  static final int MAX_CYCLE_LABELS = 6;

  private final Problems problems;
  private final SystemLimits system;
  private final CompileOptions options;

  CompositionStage(Problems problems, SystemLimits system, CompileOptions options) {
    this.problems = problems;
    this.system = system;
    this.options = options;
  }

  /** The counts: components and bindings against the host's limits and the tenant's. */
  void counts(
      TenantStage.Tenant tenant,
      Map<String, CheckedComponent> components,
      List<Binding> bindings,
      Map<Binding, SourceLocation> bindingOrigins) {
    List<CheckedComponent> ordered = new ArrayList<>(components.values());
    PlanRules.componentCount(ordered.size(), system)
        .ifPresent(d -> problems.add(d.at(at(ordered.get(system.maxComponents())))));
    PlanRules.bindingCount(bindings.size(), system)
        .ifPresent(
            d ->
                problems.add(
                    d.at(
                        bindingOrigins.getOrDefault(
                            bindings.get(system.maxBindings()), SourceLocation.NONE))));
    PlanRules.tenantComponents(ordered.size(), tenant.limits())
        .ifPresent(
            d -> {
              Diagnostic over = d.at(at(ordered.get(tenant.limits().maxComponents())));
              var limit = tenant.limitSpans().get("max-components");
              if (limit != null) {
                over = over.withLabel(Problems.at(tenant.file(), limit), "the limit is set here");
              }
              problems.add(over);
            });
  }

  /**
   * The graph rules; run only on a script without other errors, since a binding that failed to
   * check would make a component look disconnected.
   */
  void graph(
      Map<String, CheckedComponent> components,
      List<Binding> bindings,
      Map<Binding, SourceLocation> bindingOrigins,
      List<EntryPoint> entryPoints) {
    List<CheckedComponent> ordered = new ArrayList<>(components.values());
    Set<String> entryComponents = new HashSet<>();
    if (options.checkGrants()) {
      // A session's exports may come in a later input, so only whole scripts are disconnected.
      entryPoints.forEach(e -> entryComponents.add(e.component()));
    }
    List<String> ids = ordered.stream().map(CheckedComponent::name).toList();
    for (PlanRules.GraphFinding f :
        PlanRules.graph(ids, bindings, entryComponents, system.maxGraphDepth())) {
      if (f.diagnostic().code().equals(PlanCodes.CYCLE)) {
        problems.add(cycle(f, bindings, bindingOrigins));
      } else {
        problems.add(f.diagnostic().at(at(components.get(f.components().getFirst()))));
      }
    }
  }

  /** A cycle at the {@code bind} line of its first edge, each further edge labelled. */
  private static Diagnostic cycle(
      PlanRules.GraphFinding f, List<Binding> bindings, Map<Binding, SourceLocation> origins) {
    List<String> path = f.components();
    Diagnostic d = f.diagnostic();
    for (int i = 0; i + 1 < path.size(); i++) {
      SourceLocation where = edge(path.get(i), path.get(i + 1), bindings, origins);
      if (i == 0) {
        d = d.at(where);
      } else if (i <= MAX_CYCLE_LABELS) {
        d = d.withLabel(where, "`" + path.get(i) + "` imports from `" + path.get(i + 1) + "` here");
      }
    }
    return d;
  }

  private static SourceLocation edge(
      String from, String to, List<Binding> bindings, Map<Binding, SourceLocation> origins) {
    for (Binding b : bindings) {
      if (b.importer().equals(from) && b.exporter().equals(to)) {
        return origins.getOrDefault(b, SourceLocation.NONE);
      }
    }
    return SourceLocation.NONE;
  }

  private static SourceLocation at(CheckedComponent c) {
    return Problems.at(c.file(), c.span());
  }
}
