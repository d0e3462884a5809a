package dev.mosaic.interpreter.diag;

import dev.mosaic.dsl.ast.Span;
import dev.mosaic.plan.diag.Diagnostic;
import dev.mosaic.plan.diag.Diagnostics;
import dev.mosaic.plan.diag.SourceLocation;
import java.util.List;

/**
 * The diagnostics of one compilation: a {@link Diagnostics} collector (order kept, quoted names
 * shortened) with the compiler's source spans turned into locations. Stages add to it and never
 * stop at the first.
 */
public final class Problems {
  private final Diagnostics diagnostics = new Diagnostics();

  public void error(String code, String message, String file, Span span, String help) {
    add(new Diagnostic(code, message, at(file, span), help));
  }

  /** An error about a second declaration, with a label at the first. */
  public void duplicate(
      String code, String message, String file, Span span, String help, SourceLocation first) {
    Diagnostic d = new Diagnostic(code, message, at(file, span), help);
    add(first == null ? d : d.withLabel(first, "first declared here"));
  }

  /** A problem that does not stop compilation (shown as {@code warning[...]}). */
  public void warn(String code, String message, String file, Span span, String help) {
    diagnostics.warn(new Diagnostic(code, message, at(file, span), help));
  }

  public List<Diagnostic> warnings() {
    return diagnostics.warnings();
  }

  public void add(Diagnostic d) {
    diagnostics.add(d);
  }

  public boolean any() {
    return diagnostics.any();
  }

  public int count() {
    return diagnostics.count();
  }

  public List<Diagnostic> list() {
    return diagnostics.list();
  }

  public static SourceLocation at(String file, Span span) {
    if (span == null || span.line() < 1) {
      return new SourceLocation(file, 0, 0, 0);
    }
    return new SourceLocation(file, span.line(), span.column(), span.length());
  }
}
