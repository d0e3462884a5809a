package dev.mosaic.cli.text;

import dev.mosaic.plan.PolicyRule;

/**
 * A policy rule written the way a script declares it: {@code allow hello secret "api-*", "db/*"};
 * see {@link dev.mosaic.interpreter.diag.RuleText}, which the compiler's diagnostics use too.
 */
public final class RuleText {
  private RuleText() {}

  public static String of(PolicyRule rule) {
    return dev.mosaic.interpreter.diag.RuleText.of(rule);
  }
}
