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
}
