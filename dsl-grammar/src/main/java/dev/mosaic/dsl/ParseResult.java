package dev.mosaic.dsl;

import dev.mosaic.dsl.ast.Script;
import java.util.List;

/**
 * The outcome of parsing: a script when there were no errors, and every syntax error found.
 *
 * @param script the AST, or {@code null} when {@code errors} is not empty
 * @param errors syntax errors in source order
 */
public record ParseResult(Script script, List<SyntaxError> errors) {
  public ParseResult {
    errors = List.copyOf(errors);
  }

  public boolean ok() {
    return errors.isEmpty();
  }

  /**
   * True when the only problem is that the input stopped early (<code>tenant "t" {</code> without
   * its closing brace): a REPL shows a continuation prompt rather than the errors.
   */
  public boolean incomplete() {
    return !errors.isEmpty() && errors.stream().allMatch(SyntaxError::atEnd);
  }
}
