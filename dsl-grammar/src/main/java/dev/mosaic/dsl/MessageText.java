package dev.mosaic.dsl;

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

  private static String tidy(String expected) {
    String s =
        expected
            .replace("<EOF>", "end of input")
            .replace("'", "`")
            .replace("IDENT", "a name")
            .replace("STRING", "a string")
            .replace("DIGEST", "a digest")
            .replace("FLOAT", "a number")
            .replace("INT", "a number");
    if (s.startsWith("{") && s.endsWith("}")) {
      s = s.substring(1, s.length() - 1);
      int last = s.lastIndexOf(", ");
      if (last >= 0) {
        s = s.substring(0, last) + " or " + s.substring(last + 2);
      }
    }
    return s.length() > 160 ? s.substring(0, 160) + "..." : s;
  }

  private static String clip(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }
}
