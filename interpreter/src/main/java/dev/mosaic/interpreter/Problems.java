package dev.mosaic.interpreter;

import dev.mosaic.dsl.ast.Span;
import dev.mosaic.plan.Diagnostic;
import dev.mosaic.plan.Diagnostics;
import dev.mosaic.plan.SourceLocation;
import java.util.List;

/**
 * The diagnostics of one compilation: a {@link Diagnostics} collector (order kept, quoted names
 * shortened) with the compiler's source spans turned into locations. Stages add to it and never
 * stop at the first.
 */
final class Problems {
  private final Diagnostics diagnostics = new Diagnostics();

  void error(String code, String message, String file, Span span, String help) {
    add(new Diagnostic(code, message, at(file, span), help));
  }

  /** An error about a second declaration, with a label at the first. */
  void duplicate(
      String code, String message, String file, Span span, String help, SourceLocation first) {
    Diagnostic d = new Diagnostic(code, message, at(file, span), help);
    add(first == null ? d : d.withLabel(first, "first declared here"));
  }

  /** A problem that does not stop compilation (shown as {@code warning[...]}). */
  void warn(String code, String message, String file, Span span, String help) {
    diagnostics.warn(new Diagnostic(code, message, at(file, span), help));
  }

  List<Diagnostic> warnings() {
    return diagnostics.warnings();
  }

  void add(Diagnostic d) {
    diagnostics.add(d);
  }

  boolean any() {
    return diagnostics.any();
  }

  int count() {
    return diagnostics.count();
  }

  List<Diagnostic> list() {
    return diagnostics.list();
  }

  static SourceLocation at(String file, Span span) {
    if (span == null || span.line() < 1) {
      return new SourceLocation(file, 0, 0, 0);
    }
    return new SourceLocation(file, span.line(), span.column(), span.length());
  }
}
