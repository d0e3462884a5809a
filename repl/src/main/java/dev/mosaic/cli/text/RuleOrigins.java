package dev.mosaic.cli.text;

import dev.mosaic.dsl.ParseResult;
import dev.mosaic.dsl.ScriptParser;
import dev.mosaic.dsl.ast.Item;
import dev.mosaic.dsl.ast.RuleDecl;
import dev.mosaic.plan.PolicyRule;
import dev.mosaic.plan.diag.SourceLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where each rule of a plan's policy came from: a place in the script that declared it, or its
 * position in a compiled plan's policy.
 */
public sealed interface RuleOrigins {

  /** Where the given rule, the {@code index}-th of the plan's policy, came from. */
  Origin of(PolicyRule rule, int index);

  /**
   * A rule's origin.
   *
   * @param description for example {@code hello.mosaic:12:3} or {@code rule 2 of plan.cbor}
   * @param sourceLine the declaring source line, or {@code null} when there is no source
   */
  record Origin(String description, String sourceLine) {}

  /** Rules of a compiled plan file, known only by position. */
  record InPlan(String file) implements RuleOrigins {
    @Override
    public Origin of(PolicyRule rule, int index) {
      return new Origin("rule " + (index + 1) + " of the policy in " + file, null);
    }
  }

  /**
   * Rules declared in script text; a rule is matched to the first declaration with the same effect,
   * target, capability and patterns, which is also the one the policy engine picks among identical
   * rules.
   */
  final class InScript implements RuleOrigins {
    private final String source;
    private final List<RuleDecl> declarations = new ArrayList<>();
    private final Locator locator;

    /** Maps a line of the script to the place a user knows it by. */
    @FunctionalInterface
    public interface Locator {
      SourceLocation locate(int line, int column, int length);
    }

    public InScript(String file, String source) {
      this(source, (line, column, length) -> new SourceLocation(file, line, column, length));
    }

    public InScript(String source, Locator locator) {
      this.source = source;
      this.locator = locator;
      ParseResult parsed = ScriptParser.parse("", source);
      if (parsed.ok()) {
        for (Item item : parsed.script().items()) {
          if (item instanceof Item.Policy p) {
            declarations.addAll(p.rules());
          }
        }
      }
    }

    @Override
    public Origin of(PolicyRule rule, int index) {
      return find(rule)
          .map(
              d -> {
                SourceLocation at =
                    locator.locate(d.span().line(), d.span().column(), d.span().length());
                String line = source.lines().skip(d.span().line() - 1L).findFirst().orElse(null);
                return new Origin(at.toString(), line);
              })
          .orElseGet(() -> new Origin("rule " + (index + 1) + " of the policy", null));
    }

    private Optional<RuleDecl> find(PolicyRule rule) {
      for (RuleDecl d : declarations) {
        boolean same =
            d.allow() == (rule.effect() == PolicyRule.Effect.ALLOW)
                && d.target().equals(rule.component())
                && d.capability().equals(rule.capability())
                && d.patterns().stream().sorted().toList().equals(rule.patterns());
        if (same) {
          return Optional.of(d);
        }
      }
      return Optional.empty();
    }
  }
}
