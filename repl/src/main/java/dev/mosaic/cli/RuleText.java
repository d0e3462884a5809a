package dev.mosaic.cli;

import dev.mosaic.plan.PolicyRule;
import java.util.Locale;

/** A policy rule written the way a script declares it: {@code allow hello secret "api-*"}. */
public final class RuleText {
  private RuleText() {}

  public static String of(PolicyRule rule) {
    StringBuilder s =
        new StringBuilder(rule.effect().name().toLowerCase(Locale.ROOT))
            .append(' ')
            .append(rule.component())
            .append(' ')
            .append(rule.capability());
    for (String pattern : rule.patterns()) {
      s.append(" \"").append(pattern.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
    }
    return s.toString();
  }
}
