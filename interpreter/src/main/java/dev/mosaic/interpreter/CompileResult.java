package dev.mosaic.interpreter;

import dev.mosaic.interpreter.compiler.CapabilityReach;
import dev.mosaic.interpreter.compiler.Located;
import dev.mosaic.interpreter.diag.DiagnosticRenderer;
import dev.mosaic.interpreter.model.CheckedScript;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.Plan;
import dev.mosaic.plan.diag.Diagnostic;
import java.util.List;
import java.util.Map;

/**
 * The outcome of compiling a script: the checked script and its plan when there were no errors, and
 * every diagnostic found. Only {@link #orThrow()} throws.
 *
 * <p>Thread-safety: immutable.
 *
 * @param file the script's file name
 * @param source the script's text
 * @param sources text of every file the compilation read (the script and what it loads), by the
 *     file name its diagnostics carry
 * @param checked the checked script, or {@code null} on errors
 * @param plan the plan, or {@code null} on errors
 * @param diagnostics errors in the order found
 * @param warnings problems that do not stop compilation, in the order found
 */
public record CompileResult(
    String file,
    String source,
    Map<String, String> sources,
    CheckedScript checked,
    Plan plan,
    List<Diagnostic> diagnostics,
    List<Diagnostic> warnings) {
  /** Copies the collections. */
  public CompileResult {
    sources = Map.copyOf(sources);
    diagnostics = List.copyOf(diagnostics);
    warnings = List.copyOf(warnings);
  }

  /** A result without warnings. */
  public CompileResult(
      String file,
      String source,
      Map<String, String> sources,
      CheckedScript checked,
      Plan plan,
      List<Diagnostic> diagnostics) {
    this(file, source, sources, checked, plan, diagnostics, List.of());
  }

  /** Warnings rendered like diagnostics, each headed {@code warning[CODE]}; empty when none. */
  public String renderWarnings() {
    StringBuilder out = new StringBuilder();
    for (Diagnostic w : warnings) {
      String text = DiagnosticRenderer.render(w, sources.get(w.location().file()));
      out.append("warning").append(text, "error".length(), text.length());
    }
    return out.toString();
  }

  /** Whether the script compiled without errors. */
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

  /** Statements to run after the plan is loaded, in source order; empty on errors. */
  public List<Located> statements() {
    return checked == null ? List.of() : checked.statements();
  }

  /** Static capability reach of every component; see {@link CapabilityReach}. */
  public List<CapabilityReach.Reach> reach() {
    orThrow();
    return CapabilityReach.of(checked);
  }

  /** Diagnostics rendered with source lines and carets, each from its own file. */
  public String render() {
    return DiagnosticRenderer.renderAll(diagnostics, sources);
  }
}
