package dev.mosaic.plan.rules;

import dev.mosaic.plan.PolicyRule;
import java.util.List;

/**
 * Decides whether a component may use a capability: deny overrides allow, and anything not allowed
 * is denied.
 */
public final class PolicyEngine {
  private final List<PolicyRule> rules;

  public PolicyEngine(List<PolicyRule> rules) {
    this.rules = List.copyOf(rules);
  }

  /**
   * The decision for a component using a capability, optionally with a parameter (secret name,
   * host, path) that rule patterns must match; {@code null} asks whether any use is allowed.
   */
  public Decision decide(String component, String capability, String parameter) {
    PolicyRule allow = null;
    for (PolicyRule rule : rules) {
      if (!rule.appliesTo(component, capability) || !matches(rule, parameter)) {
        continue;
      }
      if (rule.effect() == PolicyRule.Effect.DENY) {
        return new Decision(false, rule);
      }
      if (allow == null) {
        allow = rule;
      }
    }
    return new Decision(allow != null, allow);
  }

  /**
   * The rules that apply to a component's use of a capability, in order, for capabilities whose
   * parameters need more than one glob match to decide ({@code http} matches hosts and ports, and
   * checks every address a name resolves to).
   */
  public List<PolicyRule> rules(String component, String capability) {
    return rules.stream().filter(r -> r.appliesTo(component, capability)).toList();
  }

  /** Whether a policy pattern ({@code *} for any run of characters) matches {@code text}. */
  public static boolean matches(String pattern, String text) {
    return Glob.matches(pattern, text);
  }

  private static boolean matches(PolicyRule rule, String parameter) {
    if (rule.patterns().isEmpty() || parameter == null) {
      return rule.patterns().isEmpty() || rule.effect() == PolicyRule.Effect.ALLOW;
    }
    for (String pattern : rule.patterns()) {
      if (Glob.matches(pattern, parameter)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Outcome of a decision.
   *
   * @param allowed whether the use is allowed
   * @param rule the deciding rule, or {@code null} when nothing matched (default deny)
   */
  public record Decision(boolean allowed, PolicyRule rule) {}
}
