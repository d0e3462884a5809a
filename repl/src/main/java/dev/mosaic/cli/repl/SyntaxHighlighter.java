package dev.mosaic.cli.repl;

import dev.mosaic.dsl.grammar.MosaicLexer;
import org.antlr.v4.runtime.Token;
import org.jline.reader.Highlighter;
import org.jline.reader.LineReader;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * Colors input as it is typed, with the language's lexer: keywords, strings, numbers and digests,
 * comments, characters that start no token (in red), and {@code :commands}.
 */
final class SyntaxHighlighter implements Highlighter {
  static final AttributedStyle KEYWORD = AttributedStyle.BOLD.foreground(AttributedStyle.BLUE);
  static final AttributedStyle STRING = AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN);
  static final AttributedStyle NUMBER = AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN);
  static final AttributedStyle COMMENT =
      AttributedStyle.DEFAULT.foreground(AttributedStyle.BRIGHT).faint();
  static final AttributedStyle ERROR = AttributedStyle.DEFAULT.foreground(AttributedStyle.RED);
  static final AttributedStyle COMMAND = AttributedStyle.BOLD.foreground(AttributedStyle.MAGENTA);

  @Override
  public AttributedString highlight(LineReader reader, String buffer) {
    return highlight(buffer);
  }

  /** The styled buffer. */
  static AttributedString highlight(String buffer) {
    AttributedStringBuilder s = new AttributedStringBuilder();
    if (buffer.stripLeading().startsWith(":")) {
      int end = buffer.indexOf(' ', buffer.indexOf(':'));
      end = end < 0 ? buffer.length() : end;
      s.styled(COMMAND, buffer.substring(0, end)).append(buffer.substring(end));
      return s.toAttributedString();
    }
    int at = 0;
    for (Token t : Lexing.tokens(buffer)) {
      gap(s, buffer.substring(at, t.getStartIndex()));
      s.styled(style(t.getType()), t.getText());
      at = t.getStopIndex() + 1;
    }
    gap(s, buffer.substring(at));
    return s.toAttributedString();
  }

  private static AttributedStyle style(int type) {
    if (Lexing.isKeyword(type)) {
      return KEYWORD;
    }
    return switch (type) {
      case MosaicLexer.STRING -> STRING;
      case MosaicLexer.INT, MosaicLexer.DIGEST -> NUMBER;
      default -> AttributedStyle.DEFAULT;
    };
  }

  // Text between tokens is whitespace, a comment (the lexer skips both) or a bad character.
  private static void gap(AttributedStringBuilder s, String text) {
    int i = 0;
    while (i < text.length()) {
      if (Character.isWhitespace(text.charAt(i))) {
        s.append(text.charAt(i++));
      } else if (text.startsWith("//", i) || text.startsWith("/*", i)) {
        int end = text.startsWith("//", i) ? text.indexOf('\n', i) : text.indexOf("*/", i);
        end = end < 0 ? text.length() : (text.startsWith("/*", i) ? end + 2 : end);
        s.styled(COMMENT, text.substring(i, end));
        i = end;
      } else {
        s.styled(ERROR, String.valueOf(text.charAt(i++)));
      }
    }
  }
}
