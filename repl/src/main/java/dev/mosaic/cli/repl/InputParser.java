package dev.mosaic.cli.repl;

import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;
import org.jline.reader.SyntaxError;
import org.jline.reader.impl.DefaultParser;

/**
 * Decides when an input is complete: while braces or parentheses are open, accepting the line
 * throws {@link EOFError} so the reader shows the continuation prompt. Words for completion are
 * split as JLine's default parser splits them. {@code :commands} are always one line.
 */
final class InputParser implements Parser {
  private final DefaultParser words = new DefaultParser();

  @Override
  public ParsedLine parse(String line, int cursor, ParseContext context) throws SyntaxError {
    if (context == ParseContext.ACCEPT_LINE && !line.stripLeading().startsWith(":")) {
      String open = Lexing.openBrackets(line);
      if (!open.isEmpty()) {
        char innermost = open.charAt(open.length() - 1);
        String closing = innermost == '{' ? "}" : ")";
        throw new EOFError(-1, -1, "unclosed bracket", closing, open.length(), closing);
      }
    }
    return words.parse(line, cursor, ParseContext.COMPLETE);
  }
}
