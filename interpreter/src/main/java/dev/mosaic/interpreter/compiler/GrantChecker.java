package dev.mosaic.interpreter.compiler;

import dev.mosaic.interpreter.diag.Problems;
import dev.mosaic.interpreter.diag.RuleText;
import dev.mosaic.interpreter.model.CheckedComponent;
import dev.mosaic.plan.Capabilities;
import dev.mosaic.plan.FunctionDecl;
import dev.mosaic.plan.PolicyRule;
import dev.mosaic.plan.diag.Diagnostic;
import dev.mosaic.plan.diag.SourceLocation;
import dev.mosaic.plan.rules.PlanRules;
import dev.mosaic.plan.rules.PolicyEngine;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks that the policy grants every capability a component imports (E7001, the rule the plan
 * validator applies, from {@link PlanRules#notGranted}), with a caret at the component and the rule
 * that denies it.
 */
final class GrantChecker {
  private final Problems problems;
  private final Map<String, CheckedComponent> components;
  private final Set<String> doubtful;
  private final Map<PolicyRule, SourceLocation> ruleOrigins;

  GrantChecker(CheckScope scope) {
    this.problems = scope.problems;
    this.components = scope.components;
    this.doubtful = scope.doubtful;
    this.ruleOrigins = scope.ruleOrigins;
  }

  /** E7001 at the component, so the user gets a caret rather than a plan-level error. */
  void granted(List<PolicyRule> rules) {
    PolicyEngine engine = new PolicyEngine(rules);
    for (CheckedComponent c : components.values()) {
      Set<String> reported = new HashSet<>();
      for (FunctionDecl imp : c.imports()) {
        // Host capabilities (`mosaic.*`) and WASI preview 1 imports (files, clock, random).
        String cap = imp.capability();
        if (cap == null) {
          continue;
        }
        if (!Capabilities.KNOWN.contains(cap) || doubtful.contains(cap) || !reported.add(cap)) {
          continue;
        }
        PolicyEngine.Decision decision = engine.decide(c.name(), cap, null);
        Optional<Diagnostic> notGranted = PlanRules.notGranted(c.name(), cap, decision);
        if (notGranted.isEmpty()) {
          continue;
        }
        // The validator's rule, with a caret at the component and a help that names the import.
        Diagnostic denied = notGranted.get().at(Problems.at(c.file(), c.span()));
        if (decision.rule() != null) {
          String text = RuleText.of(decision.rule());
          SourceLocation where = ruleOrigins.get(decision.rule());
          denied =
              denied
                  .withHelp(
                      "the module imports `"
                          + imp.module()
                          + "."
                          + imp.name()
                          + "`; `"
                          + text
                          + "` denies it, and a deny overrides every allow: remove or narrow it")
                  .withLabel(
                      where == null ? SourceLocation.NONE : where,
                      "denied by `"
                          + text
                          + "`"
                          + (where == null ? "" : " at " + lineColumn(where)));
        } else {
          denied =
              denied.withHelp(
                  "the module imports `"
                      + imp.module()
                      + "."
                      + imp.name()
                      + "`; add `allow "
                      + c.name()
                      + " "
                      + cap
                      + "` to the policy");
        }
        problems.add(denied);
      }
    }
  }

  private static String lineColumn(SourceLocation l) {
    return CheckScope.lineColumn(l);
  }
}
