package dev.mosaic.interpreter;

import dev.mosaic.dsl.ast.Item;
import dev.mosaic.plan.Diagnostic;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.Plan;
import java.util.List;

/**
 * The outcome of compiling a script: the plan and its statements when there were no errors, and
 * every diagnostic found. Only {@link #orThrow()} throws.
 *
 * @param file the script's file name
 * @param source the script's text, for rendering diagnostics
 * @param plan the plan, or {@code null} on errors
 * @param statements statements to run after the plan is loaded, in source order
 * @param diagnostics errors in source order
 */
public record CompileResult(
    String file, String source, Plan plan, List<Item> statements, List<Diagnostic> diagnostics) {
  public CompileResult {
    statements = List.copyOf(statements);
    diagnostics = List.copyOf(diagnostics);
  }

  public boolean ok() {
    return diagnostics.isEmpty();
  }

  /** The result itself, or a {@link MosaicException} carrying the diagnostics. */
  public CompileResult orThrow() {
    if (!ok()) {
      throw new MosaicException(diagnostics);
    }
    return this;
  }

  /** Diagnostics rendered with source lines and carets. */
  public String render() {
    return DiagnosticRenderer.renderAll(diagnostics, source);
  }
}
