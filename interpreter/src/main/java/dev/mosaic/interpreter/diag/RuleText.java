package dev.mosaic.interpreter.diag;

import dev.mosaic.plan.PolicyRule;
import java.util.Locale;

/**
 * A policy rule written the way a script declares it, so it can be pasted into a policy block:
 * {@code allow vault secret "api-key", "db/*"}.
 */
public final class RuleText {
  private RuleText() {}

  public static String of(PolicyRule rule) {
    StringBuilder s =
        new StringBuilder(rule.effect().name().toLowerCase(Locale.ROOT))
            .append(' ')
            .append(rule.component())
            .append(' ')
            .append(rule.capability());
    String separator = " ";
    for (String pattern : rule.patterns()) {
      s.append(separator).append(quoted(pattern));
      separator = ", ";
    }
    return s.toString();
  }

  /** A string literal for {@code value}, with the escapes the lexer reads. */
  static String quoted(String value) {
    StringBuilder s = new StringBuilder("\"");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> s.append("\\\"");
        case '\\' -> s.append("\\\\");
        case '\n' -> s.append("\\n");
        case '\t' -> s.append("\\t");
        case '\r' -> s.append("\\r");
        default -> s.append(c);
      }
    }
    return s.append('"').toString();
  }
}
