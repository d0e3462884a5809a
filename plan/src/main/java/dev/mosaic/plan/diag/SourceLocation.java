package dev.mosaic.plan.diag;

/**
 * A place in a source file. Lines and columns are 1-based; {@code length} is the number of
 * characters to underline (at least 1 when known).
 *
 * @param file file name as the user gave it
 * @param line 1-based line, 0 when unknown
 * @param column 1-based column, 0 when unknown
 * @param length characters covered
 */
public record SourceLocation(String file, int line, int column, int length) {

  public static final SourceLocation NONE = new SourceLocation("", 0, 0, 0);

  public boolean isKnown() {
    return line > 0;
  }

  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }
}
