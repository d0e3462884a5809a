package dev.mosaic.dsl;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.Token;

/** Rewrites ANTLR's messages into Mosaic's message style: lowercase, user text in backticks. */
final class MessageText {
  private MessageText() {}

  static String parserMessage(String antlr, Token token) {
    String found =
        token.getType() == Token.EOF ? "end of input" : "`" + clip(token.getText()) + "`";
    int expecting = antlr.indexOf("expecting ");
    if (expecting >= 0) {
      return "unexpected " + found + ", expected " + tidy(antlr.substring(expecting + 10));
    }
    if (antlr.startsWith("missing ")) {
      return "missing "
          + tidy(
              antlr.substring(
                  8, antlr.indexOf(" at ") > 0 ? antlr.indexOf(" at ") : antlr.length()))
          + " before "
          + found;
    }
    return "unexpected " + found;
  }

  static String lexerMessage(String antlr) {
    int quote = antlr.indexOf('\'');
    if (quote >= 0 && antlr.endsWith("'")) {
      return "unexpected character `" + clip(antlr.substring(quote + 1, antlr.length() - 1)) + "`";
    }
    return "unexpected character";
  }

  /** Most alternatives listed in full; the rest are counted. */
  static final int MAX_LISTED = 8;

  /**
   * ANTLR's {@code {'tenant', IDENT, INT, FLOAT}} as {@code `tenant`, a name or a number}: each
   * alternative once (integers and floats are both "a number"), whole, and at most {@link
   * #MAX_LISTED} of them before the rest are counted.
   */
  static String tidy(String expected) {
    String s = expected.strip();
    List<String> raw =
        s.startsWith("{") && s.endsWith("}")
            ? List.of(s.substring(1, s.length() - 1).split(", "))
            : List.of(s);
    Set<String> names = new LinkedHashSet<>();
    for (String r : raw) {
      names.add(display(r.strip()));
    }
    List<String> shown = new ArrayList<>(names);
    int more = 0;
    if (shown.size() > MAX_LISTED) {
      more = shown.size() - MAX_LISTED;
      shown = shown.subList(0, MAX_LISTED);
    }
    if (more > 0) {
      return String.join(", ", shown) + " or one of " + more + " more";
    }
    if (shown.size() == 1) {
      return shown.getFirst();
    }
    return String.join(", ", shown.subList(0, shown.size() - 1)) + " or " + shown.getLast();
  }

  private static String display(String token) {
    return switch (token) {
      case "<EOF>" -> "end of input";
      case "IDENT" -> "a name";
      case "STRING" -> "a string";
      case "CHAR" -> "a char";
      case "DIGEST" -> "a digest";
      case "FLOAT", "INT" -> "a number";
      default ->
          token.length() >= 2 && token.startsWith("'") && token.endsWith("'")
              ? "`" + token.substring(1, token.length() - 1) + "`"
              : "`" + clip(token) + "`";
    };
  }

  static String clip(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }
}
