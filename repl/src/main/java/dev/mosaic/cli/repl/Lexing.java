package dev.mosaic.cli.repl;

import dev.mosaic.dsl.grammar.MosaicLexer;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.Vocabulary;

/**
 * The language's own lexer, used quietly for the REPL's highlighting, completion and bracket
 * balance, so they follow the grammar as it grows.
 */
final class Lexing {
  private Lexing() {}

  /** Tokens of a line, without error reports; characters that start no token are skipped. */
  static List<? extends Token> tokens(String text) {
    MosaicLexer lexer = new MosaicLexer(CharStreams.fromString(text));
    lexer.removeErrorListeners();
    return lexer.getAllTokens();
  }

  /** The language's keywords: tokens whose literal is a word, such as {@code component}. */
  static List<String> keywords() {
    Vocabulary v = MosaicLexer.VOCABULARY;
    List<String> out = new ArrayList<>();
    for (int type = 1; type <= v.getMaxTokenType(); type++) {
      String literal = v.getLiteralName(type);
      if (literal != null && literal.matches("'[a-z][a-z-]*'")) {
        out.add(literal.substring(1, literal.length() - 1));
      }
    }
    return out;
  }

  /** Whether a token type is a keyword. */
  static boolean isKeyword(int type) {
    String literal = MosaicLexer.VOCABULARY.getLiteralName(type);
    return literal != null && literal.matches("'[a-z][a-z-]*'");
  }

  /**
   * Brackets still open at the end of the text, innermost last: {@code "{("} means a {@code )} and
   * then a {@code }} are missing. Closers without an opener are left for the parser to report.
   */
  static String openBrackets(String text) {
    StringBuilder open = new StringBuilder();
    for (Token t : tokens(text)) {
      switch (t.getType()) {
        case MosaicLexer.LBRACE -> open.append('{');
        case MosaicLexer.LPAREN -> open.append('(');
        case MosaicLexer.RBRACE, MosaicLexer.RPAREN -> {
          if (!open.isEmpty()) {
            open.setLength(open.length() - 1);
          }
        }
        default -> {}
      }
    }
    return open.toString();
  }
}
