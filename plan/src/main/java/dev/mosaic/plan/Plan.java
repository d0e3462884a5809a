package dev.mosaic.plan;

import java.util.List;
import java.util.Objects;

/**
 * A compiled composition: what to load, how to wire it, what it may do and within which limits. A
 * plan is plain data; only {@link PlanValidator} turns it into a {@link ValidatedPlan} that a host
 * accepts.
 *
 * @param formatVersion plan format version, {@link #FORMAT_VERSION} today
 * @param tenant the tenant the plan runs for
 * @param components components in declaration order
 * @param bindings import-to-export wiring between components
 * @param policy allow/deny rules on capabilities (deny overrides allow; default deny); an allow
 *     rule is a capability grant, its patterns the grant's parameters (secret names, hosts, paths)
 * @param limits per-tenant limits requested by the plan
 * @param entryPoints exported functions a caller may invoke
 */
public record Plan(
    int formatVersion,
    String tenant,
    List<Component> components,
    List<Binding> bindings,
    List<PolicyRule> policy,
    TenantLimits limits,
    List<EntryPoint> entryPoints) {

  /** The plan format this build writes and reads. */
  public static final int FORMAT_VERSION = 1;

  public Plan {
    Objects.requireNonNull(tenant, "tenant");
    components = List.copyOf(components);
    bindings = List.copyOf(bindings);
    policy = List.copyOf(policy);
    entryPoints = List.copyOf(entryPoints);
    Objects.requireNonNull(limits, "limits");
  }

  /** Looks up a component by id. */
  public java.util.Optional<Component> component(String id) {
    return components.stream().filter(c -> c.id().equals(id)).findFirst();
  }
}
