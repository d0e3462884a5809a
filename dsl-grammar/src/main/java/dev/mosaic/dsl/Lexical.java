package dev.mosaic.dsl;

import dev.mosaic.dsl.ast.Span;
import dev.mosaic.dsl.grammar.MosaicLexer;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.Token;

/**
 * Lexical checks the grammar leaves to code, each with a message of its own rather than ANTLR's
 * "token recognition error": a string the line ends in, a block comment the file ends in, and an
 * escape in a string that is not one of {@code \n \t \r \" \\}.
 */
final class Lexical {
  /** The escapes a string may hold, after the backslash. */
  static final String ESCAPES = "ntr\"\\";

  private Lexical() {}

  static List<SyntaxError> check(List<Token> tokens) {
    List<SyntaxError> errors = new ArrayList<>();
    for (Token t : tokens) {
      if (errors.size() >= ScriptParser.MAX_ERRORS) {
        errors.add(
            new SyntaxError(
                SyntaxError.TOO_MANY,
                "too many syntax errors, stopped after " + ScriptParser.MAX_ERRORS,
                start(t, 1)));
        break;
      }
      switch (t.getType()) {
        case MosaicLexer.UNTERMINATED_STRING ->
            errors.add(
                new SyntaxError(
                    SyntaxError.BAD_TOKEN,
                    "unterminated string: close it with `\"` before the end of the line",
                    start(t, 1)));
        case MosaicLexer.UNTERMINATED_COMMENT ->
            errors.add(
                new SyntaxError(
                    SyntaxError.BAD_TOKEN,
                    "unterminated block comment: `/*` is never closed by `*/`",
                    start(t, 2),
                    true));
        case MosaicLexer.STRING -> escapes(t, errors);
        default -> {}
      }
    }
    return errors;
  }

  private static void escapes(Token t, List<SyntaxError> errors) {
    String text = t.getText();
    // The closing quote is at length - 1, so an escape's second character is always inside.
    for (int i = 1; i < text.length() - 1; i++) {
      if (text.charAt(i) != '\\') {
        continue;
      }
      int escaped = text.codePointAt(i + 1);
      if (ESCAPES.indexOf(escaped) < 0) {
        int column = t.getCharPositionInLine() + text.codePointCount(0, i) + 1;
        errors.add(
            new SyntaxError(
                SyntaxError.BAD_ESCAPE,
                "unknown escape `\\"
                    + Character.toString(escaped)
                    + "` in a string: use `\\n`, `\\t`, `\\r`, `\\\"` or `\\\\`",
                new Span(t.getLine(), column, 2)));
      }
      i += Character.charCount(escaped);
    }
  }

  private static Span start(Token t, int length) {
    return new Span(t.getLine(), t.getCharPositionInLine() + 1, length);
  }
}
