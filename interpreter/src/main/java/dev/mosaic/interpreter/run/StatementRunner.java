package dev.mosaic.interpreter.run;

import dev.mosaic.host.Composition;
import dev.mosaic.interpreter.compiler.Located;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Runs a compiled script's statements against a composition the caller keeps, batch after batch, as
 * an interactive session does. {@code let} variables live in a map the caller owns, so they outlive
 * the composition when the caller re-instantiates a changed plan.
 */
public final class StatementRunner {
  private final ScriptRunner runner;

  /**
   * @param composition the running plan that calls go to
   * @param output where {@code print} writes
   * @param file file name used in diagnostics
   * @param variables {@code let} variables, read and written by the statements
   */
  public StatementRunner(
      Composition composition,
      Consumer<String> output,
      String file,
      Map<String, Object> variables) {
    this.runner =
        new ScriptRunner(
            Objects.requireNonNull(composition),
            Objects.requireNonNull(output),
            Objects.requireNonNull(file),
            Objects.requireNonNull(variables));
  }

  /**
   * Runs statements in order.
   *
   * @return the value of the last statement, or {@code null}
   * @throws dev.mosaic.plan.MosaicException when a statement fails; earlier ones have run
   */
  public Object run(List<Located> statements) {
    return runner.run(statements);
  }

  /** How the interpreter prints a value ({@code ()} for no value). */
  public static String show(Object value) {
    return ScriptRunner.show(value);
  }
}
