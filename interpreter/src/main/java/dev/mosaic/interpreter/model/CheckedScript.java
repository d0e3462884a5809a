package dev.mosaic.interpreter.model;

import dev.mosaic.interpreter.compiler.CapabilityReach;
import dev.mosaic.interpreter.compiler.Located;
import dev.mosaic.interpreter.compiler.PlanBuilder;
import dev.mosaic.plan.Binding;
import dev.mosaic.plan.EntryPoint;
import dev.mosaic.plan.PolicyRule;
import dev.mosaic.plan.TenantLimits;
import java.util.List;

/**
 * A script after every check passed: the input of {@link PlanBuilder} and {@link CapabilityReach}.
 * It holds what the plan format has no place for yet (signature requirements, declared interfaces).
 *
 * @param tenant tenant name
 * @param limits tenant limits
 * @param interfaces declared interfaces in declaration order
 * @param components components in declaration order
 * @param bindings bindings in declaration order, module bindings expanded per import
 * @param policy rules whose conditions hold for this tenant and environment, in order
 * @param entryPoints exported entry points in declaration order
 * @param statements statements to run, in order
 */
public record CheckedScript(
    String tenant,
    TenantLimits limits,
    List<InterfaceModel> interfaces,
    List<CheckedComponent> components,
    List<Binding> bindings,
    List<PolicyRule> policy,
    List<EntryPoint> entryPoints,
    List<Located> statements) {
  public CheckedScript {
    interfaces = List.copyOf(interfaces);
    components = List.copyOf(components);
    bindings = List.copyOf(bindings);
    policy = List.copyOf(policy);
    entryPoints = List.copyOf(entryPoints);
    statements = List.copyOf(statements);
  }
}
