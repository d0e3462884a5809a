package dev.mosaic.dsl.ast;

/**
 * Where a node sits in its source: 1-based line and column, and the length to underline.
 *
 * @param line 1-based line
 * @param column 1-based column
 * @param length characters covered on that line, at least 1
 */
public record Span(int line, int column, int length) {
  public static final Span NONE = new Span(0, 0, 0);
}
