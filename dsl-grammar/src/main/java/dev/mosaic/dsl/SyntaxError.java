package dev.mosaic.dsl;

import dev.mosaic.dsl.ast.Span;

/**
 * A syntax problem found while parsing, with a stable code in the E1xxx band.
 *
 * @param code stable error code
 * @param message one-line message
 * @param span where it is
 * @param atEnd true when the input ended where more was expected (an unclosed block), so a REPL can
 *     ask for another line instead of reporting it
 */
public record SyntaxError(String code, String message, Span span, boolean atEnd) {
  /** An error that is not about the input ending early. */
  public SyntaxError(String code, String message, Span span) {
    this(code, message, span, false);
  }

  /** The input does not follow the grammar. */
  public static final String UNEXPECTED = "E1001";

  /** A character that starts no token. */
  public static final String BAD_TOKEN = "E1002";

  /** The script is larger than the parser accepts. */
  public static final String TOO_LARGE = "E1003";

  /** Nesting deeper than the parser accepts. */
  public static final String TOO_DEEP = "E1004";

  /** Too many errors; parsing stopped. */
  public static final String TOO_MANY = "E1005";

  /** A backslash in a string that starts none of the escapes {@code \n \t \r \" \\}. */
  public static final String BAD_ESCAPE = "E1010";

  /** An integer literal that does not fit in 64 bits (the meaning band's "value does not fit"). */
  public static final String NUMBER_TOO_LARGE = "E2011";

  /** A limit's amount that does not fit in 64 bits (the meaning band's "limit too large"). */
  public static final String LIMIT_TOO_LARGE = "E2023";
}
