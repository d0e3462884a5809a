package dev.mosaic.cli.text;

import dev.mosaic.interpreter.diag.DiagnosticRenderer;
import dev.mosaic.plan.Capabilities;
import dev.mosaic.plan.Component;
import dev.mosaic.plan.Plan;
import dev.mosaic.plan.PolicyRule;
import dev.mosaic.plan.rules.PolicyEngine;
import java.util.List;

/**
 * Why a component may or may not use a capability under a plan's policy: the deciding rule and
 * where it was declared, or the default deny.
 *
 * @param allowed whether the use is allowed
 * @param text the explanation, several lines
 */
public record Explanation(boolean allowed, String text) {

  /** A question the plan cannot answer: the component or capability does not exist. */
  public static final class UnknownName extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnknownName(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * Explains the policy decision for {@code component} using {@code capability}, optionally with a
   * parameter such as a secret name or host.
   *
   * @throws UnknownName when the plan has no such component or the capability is unknown
   */
  public static Explanation of(
      Plan plan, RuleOrigins origins, String component, String capability, String parameter) {
    Component c =
        plan.component(component)
            .orElseThrow(
                () ->
                    new UnknownName(
                        "unknown component `"
                            + component
                            + "`; the plan has "
                            + names(plan.components().stream().map(Component::id).toList())));
    if (!Capabilities.KNOWN.contains(capability)) {
      throw new UnknownName(
          "unknown capability `" + capability + "`; known are " + names(Capabilities.KNOWN));
    }
    PolicyEngine.Decision decision =
        new PolicyEngine(plan.policy()).decide(component, capability, parameter);
    String use =
        "`"
            + component
            + "` "
            + (decision.allowed() ? "may" : "may not")
            + " use `"
            + capability
            + "`"
            + (parameter == null ? "" : " with `" + parameter + "`");
    StringBuilder s =
        new StringBuilder(decision.allowed() ? "allowed: " : "denied: ").append(use).append('\n');
    PolicyRule rule = decision.rule();
    if (rule == null) {
      s.append("  no rule allows it (deny by default)\n");
    } else {
      int index = plan.policy().indexOf(rule);
      RuleOrigins.Origin origin = origins.of(rule, index);
      s.append("  by rule `")
          .append(RuleText.of(rule))
          .append("` at ")
          .append(origin.description())
          .append('\n');
      if (origin.sourceLine() != null) {
        s.append("   |   ").append(origin.sourceLine().strip()).append('\n');
      }
    }
    List<String> witImports = c.wit().asking(capability);
    if (!witImports.isEmpty()) {
      s.append("  asked by its WIT imports: ")
          .append(String.join(", ", witImports.stream().map(n -> "`" + n + "`").toList()))
          .append('\n');
    }
    boolean imported =
        c.imports().stream().anyMatch(f -> f.asksFor(capability)) || !witImports.isEmpty();
    if (!imported) {
      s.append("  note: `")
          .append(component)
          .append("` does not import `")
          .append(capability)
          .append("`, so this is never asked at run time\n");
    }
    // Rule patterns and the script's line are echoed: a hostile one must not drive the terminal.
    return new Explanation(decision.allowed(), DiagnosticRenderer.visibleLines(s.toString()));
  }

  private static String names(List<String> names) {
    return names.isEmpty()
        ? "none"
        : String.join(", ", names.stream().map(n -> "`" + n + "`").toList());
  }
}
