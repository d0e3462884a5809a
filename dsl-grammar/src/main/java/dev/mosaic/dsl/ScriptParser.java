package dev.mosaic.dsl;

import dev.mosaic.dsl.ast.Script;
import dev.mosaic.dsl.ast.Span;
import dev.mosaic.dsl.grammar.MosaicLexer;
import dev.mosaic.dsl.grammar.MosaicParser;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * Parses Mosaic source into an AST. The default console listeners are removed; input size and the
 * number of reported errors are capped so hostile input cannot exhaust the host.
 */
public final class ScriptParser {
  /** Largest script accepted, in characters. */
  public static final int MAX_CHARS = 1 << 20;

  /** Errors reported before parsing gives up. */
  public static final int MAX_ERRORS = 25;

  /** Deepest nesting of brackets (<code>( { &lt;</code> accepted; checked before parsing. */
  public static final int MAX_DEPTH = 64;

  private ScriptParser() {}

  public static ParseResult parse(String file, String source) {
    if (source.length() > MAX_CHARS) {
      return new ParseResult(
          null,
          List.of(
              new SyntaxError(
                  SyntaxError.TOO_LARGE,
                  "script is " + source.length() + " characters, over the limit of " + MAX_CHARS,
                  new Span(1, 1, 1))));
    }
    List<SyntaxError> errors = new ArrayList<>();
    Collector collector = new Collector(errors);
    MosaicLexer lexer = new MosaicLexer(CharStreams.fromString(lineEnds(source), file));
    lexer.removeErrorListeners();
    lexer.addErrorListener(collector);
    CommonTokenStream tokens = new CommonTokenStream(lexer);
    try {
      tokens.fill();
    } catch (ParseCancellationException e) {
      return new ParseResult(null, inSourceOrder(errors));
    }
    List<SyntaxError> lexical = Lexical.check(tokens.getTokens());
    if (!lexical.isEmpty()) {
      // An unterminated string or comment swallows what follows; parsing it would only mislead.
      errors.addAll(lexical);
      return new ParseResult(null, inSourceOrder(errors));
    }
    SyntaxError tooDeep = checkDepth(tokens.getTokens());
    if (tooDeep != null) {
      errors.add(tooDeep);
      return new ParseResult(null, inSourceOrder(errors));
    }
    MosaicParser parser = new MosaicParser(tokens);
    parser.removeErrorListeners();
    parser.addErrorListener(collector);
    MosaicParser.ScriptContext tree;
    try {
      tree = parser.script();
    } catch (ParseCancellationException e) {
      return new ParseResult(null, inSourceOrder(errors));
    } catch (StackOverflowError e) {
      errors.add(
          new SyntaxError(
              SyntaxError.TOO_DEEP, "script nests too deeply to parse", new Span(1, 1, 1)));
      return new ParseResult(null, inSourceOrder(errors));
    }
    if (!errors.isEmpty()) {
      return new ParseResult(null, inSourceOrder(errors));
    }
    AstBuilder builder = new AstBuilder(file);
    Script script = builder.script(tree);
    if (!builder.errors().isEmpty()) {
      return new ParseResult(null, inSourceOrder(builder.errors()));
    }
    return new ParseResult(script, List.of());
  }

  /**
   * The source with every line end as {@code \n}: a lone {@code \r} (old Mac files) and {@code
   * \r\n} end a line just as {@code \n} does, so line numbers match what an editor shows and what
   * the diagnostic renderer prints ({@link String#lines()} splits the same way). Columns do not
   * change, since only line ends are rewritten.
   */
  public static String lineEnds(String source) {
    if (source.indexOf('\r') < 0) {
      return source;
    }
    return source.replace("\r\n", "\n").replace('\r', '\n');
  }

  /**
   * Lexer errors are found before parser errors; users read them top to bottom. Whatever found them
   * (lexer, parser, lexical checks, the AST builder), at most {@link #MAX_ERRORS} are reported,
   * then one "too many" error.
   */
  private static List<SyntaxError> inSourceOrder(List<SyntaxError> errors) {
    List<SyntaxError> sorted = new ArrayList<>();
    SyntaxError tooMany = null;
    for (SyntaxError e : errors) {
      if (e.code().equals(SyntaxError.TOO_MANY)) {
        tooMany = tooMany == null ? e : tooMany;
      } else {
        sorted.add(e);
      }
    }
    sorted.sort(
        Comparator.comparingInt((SyntaxError e) -> e.span().line())
            .thenComparingInt(e -> e.span().column()));
    if (sorted.size() > MAX_ERRORS) {
      SyntaxError first = sorted.get(MAX_ERRORS);
      sorted = new ArrayList<>(sorted.subList(0, MAX_ERRORS));
      if (tooMany == null) {
        tooMany =
            new SyntaxError(
                SyntaxError.TOO_MANY,
                "too many syntax errors, stopped after " + MAX_ERRORS,
                new Span(first.span().line(), first.span().column(), 1));
      }
    }
    if (tooMany != null) {
      sorted.add(tooMany);
    }
    return sorted;
  }

  /**
   * Finds the first bracket that opens deeper than {@link #MAX_DEPTH}, so the recursive-descent
   * parser and the tree walkers never see unbounded nesting.
   */
  private static SyntaxError checkDepth(List<Token> tokens) {
    int depth = 0;
    for (Token t : tokens) {
      switch (t.getType()) {
        case MosaicLexer.LPAREN, MosaicLexer.LBRACE, MosaicLexer.LBRACKET, MosaicLexer.LT -> {
          if (++depth > MAX_DEPTH) {
            return new SyntaxError(
                SyntaxError.TOO_DEEP,
                "nesting is deeper than " + MAX_DEPTH + " levels",
                new Span(t.getLine(), t.getCharPositionInLine() + 1, 1));
          }
        }
        case MosaicLexer.RPAREN, MosaicLexer.RBRACE, MosaicLexer.RBRACKET, MosaicLexer.GT ->
            depth = Math.max(0, depth - 1);
        default -> {}
      }
    }
    return null;
  }

  /** Turns ANTLR's reports into coded errors and stops after {@link #MAX_ERRORS}. */
  private static final class Collector extends BaseErrorListener {
    private final List<SyntaxError> errors;

    Collector(List<SyntaxError> errors) {
      this.errors = errors;
    }

    @Override
    public void syntaxError(
        Recognizer<?, ?> recognizer,
        Object offendingSymbol,
        int line,
        int charPositionInLine,
        String msg,
        RecognitionException e) {
      int length = 1;
      String code = SyntaxError.BAD_TOKEN;
      String message;
      if (offendingSymbol instanceof Token token) {
        code = SyntaxError.UNEXPECTED;
        if (token.getType() == Token.EOF
            && recognizer instanceof org.antlr.v4.runtime.Parser parser
            && parser.getTokenStream().LT(-1) != null) {
          // Point just past the last real token, not at a line after the end of the file.
          Token last = parser.getTokenStream().LT(-1);
          line = last.getLine();
          charPositionInLine =
              last.getCharPositionInLine() + (last.getText() == null ? 0 : last.getText().length());
        }
        if (token.getType() != Token.EOF && token.getText() != null) {
          length = Math.max(1, token.getText().length());
        }
        message = MessageText.parserMessage(msg, token);
      } else {
        message = MessageText.lexerMessage(msg);
      }
      if (errors.size() >= MAX_ERRORS) {
        errors.add(
            new SyntaxError(
                SyntaxError.TOO_MANY,
                "too many syntax errors, stopped after " + MAX_ERRORS,
                new Span(line, charPositionInLine + 1, 1)));
        throw new ParseCancellationException("too many errors");
      }
      boolean atEnd = offendingSymbol instanceof Token t && t.getType() == Token.EOF;
      errors.add(
          new SyntaxError(code, message, new Span(line, charPositionInLine + 1, length), atEnd));
    }
  }
}
