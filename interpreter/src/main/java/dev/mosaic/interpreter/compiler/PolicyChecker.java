package dev.mosaic.interpreter.compiler;

import dev.mosaic.dsl.ast.Condition;
import dev.mosaic.dsl.ast.RuleDecl;
import dev.mosaic.dsl.ast.Span;
import dev.mosaic.interpreter.diag.LangCodes;
import dev.mosaic.interpreter.diag.Problems;
import dev.mosaic.interpreter.diag.Suggest;
import dev.mosaic.interpreter.model.CheckedComponent;
import dev.mosaic.plan.Capabilities;
import dev.mosaic.plan.PolicyRule;
import dev.mosaic.plan.diag.Diagnostic;
import dev.mosaic.plan.diag.SourceLocation;
import dev.mosaic.plan.rules.PlanRules;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks policy rules: known capabilities, patterns only where a capability takes them, conditions
 * ({@code when tenant/env ...}) evaluated for the script's tenant and environment. A rule with
 * errors marks its capability doubtful, so no grant error repeats it.
 */
final class PolicyChecker {
  /** Capabilities that take no parameters. */
  static final Set<String> PLAIN_CAPABILITIES = Set.of("log", "clock", "random");

  /** What a policy condition may compare. */
  static final List<String> CONDITION_SUBJECTS = List.of("tenant", "env");

  private final CheckScope scope;
  private final Problems problems;
  private final Set<String> unresolved;
  private final String tenant;
  private final String environment;
  private final Set<String> doubtful;
  private final Map<PolicyRule, SourceLocation> ruleOrigins;

  PolicyChecker(CheckScope scope) {
    this.scope = scope;
    this.problems = scope.problems;
    this.unresolved = scope.unresolved;
    this.tenant = scope.tenant;
    this.environment = scope.environment;
    this.doubtful = scope.doubtful;
    this.ruleOrigins = scope.ruleOrigins;
  }

  void rule(String file, RuleDecl r, List<PolicyRule> out) {
    boolean ok =
        r.target().equals("*") || requireComponent(file, r.target(), r.targetSpan()) != null;
    if (!r.target().equals("*") && unresolved.contains(r.target())) {
      ok = false;
    }
    if (!Capabilities.KNOWN.contains(r.capability())) {
      problems.error(
          LangCodes.UNKNOWN_CAPABILITY,
          "unknown capability `" + r.capability() + "`",
          file,
          r.capabilitySpan(),
          Suggest.help(r.capability(), Capabilities.KNOWN));
      ok = false;
    } else if (PLAIN_CAPABILITIES.contains(r.capability()) && !r.patterns().isEmpty()) {
      problems.error(
          LangCodes.UNEXPECTED_PARAMETERS,
          "capability `" + r.capability() + "` takes no parameters",
          file,
          r.span(),
          "remove the quoted patterns after `" + r.capability() + "`");
      ok = false;
    }
    PolicyRule asRule =
        new PolicyRule(
            r.allow() ? PolicyRule.Effect.ALLOW : PolicyRule.Effect.DENY,
            r.target(),
            r.capability(),
            r.patterns());
    for (int i = 0; i < r.patterns().size(); i++) {
      String pattern = r.patterns().get(i);
      Span at = i < r.patternSpans().size() ? r.patternSpans().get(i) : r.span();
      Optional<Diagnostic> bad =
          PlanRules.rulePattern(asRule, pattern)
              .or(() -> PlanRules.stringLength("pattern", pattern));
      if (bad.isPresent()) {
        problems.add(bad.get().at(Problems.at(file, at)));
        ok = false;
      }
    }
    boolean active = true;
    for (Condition c : r.conditions()) {
      String actual =
          switch (c.subject()) {
            case "tenant" -> tenant;
            case "env" -> environment;
            default -> {
              problems.error(
                  LangCodes.UNKNOWN_CONDITION,
                  "a condition compares `tenant` or `env`, not `" + c.subject() + "`",
                  file,
                  c.subjectSpan(),
                  Suggest.help(c.subject(), CONDITION_SUBJECTS));
              yield null;
            }
          };
      if (actual == null) {
        ok = false;
      } else if (actual.equals(c.value()) != c.equals()) {
        active = false;
      }
    }
    if (!ok) {
      doubtful.add(r.capability());
    }
    if (ok && active) {
      PolicyRule rule =
          new PolicyRule(
              asRule.effect(),
              r.target(),
              r.capability(),
              r.patterns().stream().sorted().distinct().toList());
      out.add(rule);
      ruleOrigins.putIfAbsent(rule, Problems.at(file, r.span()));
    }
  }

  private CheckedComponent requireComponent(String file, String name, Span span) {
    return scope.requireComponent(file, name, span);
  }
}
