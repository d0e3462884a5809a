package dev.mosaic.interpreter;

import dev.mosaic.dsl.ast.Span;
import dev.mosaic.plan.Diagnostic;
import dev.mosaic.plan.SourceLocation;
import java.util.ArrayList;
import java.util.List;

/** Collects the diagnostics of one compilation; stages add to it and never stop at the first. */
final class Problems {
  private final List<Diagnostic> diagnostics = new ArrayList<>();
  private final List<Diagnostic> warnings = new ArrayList<>();

  void error(String code, String message, String file, Span span, String help) {
    diagnostics.add(new Diagnostic(code, message, at(file, span), help));
  }

  /** An error about a second declaration, with a label at the first. */
  void duplicate(
      String code, String message, String file, Span span, String help, SourceLocation first) {
    Diagnostic d = new Diagnostic(code, message, at(file, span), help);
    diagnostics.add(first == null ? d : d.withLabel(first, "first declared here"));
  }

  /** A problem that does not stop compilation (shown as {@code warning[...]}). */
  void warn(String code, String message, String file, Span span, String help) {
    warnings.add(new Diagnostic(code, message, at(file, span), help));
  }

  List<Diagnostic> warnings() {
    return List.copyOf(warnings);
  }

  void add(Diagnostic d) {
    diagnostics.add(d);
  }

  boolean any() {
    return !diagnostics.isEmpty();
  }

  int count() {
    return diagnostics.size();
  }

  List<Diagnostic> list() {
    return List.copyOf(diagnostics);
  }

  static SourceLocation at(String file, Span span) {
    if (span == null || span.line() < 1) {
      return new SourceLocation(file, 0, 0, 0);
    }
    return new SourceLocation(file, span.line(), span.column(), span.length());
  }
}
