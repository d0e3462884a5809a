package dev.mosaic.interpreter.diag;

import dev.mosaic.dsl.ast.Span;
import dev.mosaic.plan.diag.Diagnostic;
import dev.mosaic.plan.diag.SourceLocation;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the diagnostics of one compilation; stages add to it and never stop at the first.
 *
 * <p>A name quoted in a message or help ({@code `name`}) longer than {@link #MAX_QUOTED} characters
 * is shortened to its start, an ellipsis and its length, so a hostile script cannot make its
 * diagnostics as large as itself.
 */
public final class Problems {
  /** Longest quoted text shown whole in a message. */
  static final int MAX_QUOTED = 160;

  private final List<Diagnostic> diagnostics = new ArrayList<>();
  private final List<Diagnostic> warnings = new ArrayList<>();

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
    warnings.add(shortened(new Diagnostic(code, message, at(file, span), help)));
  }

  public List<Diagnostic> warnings() {
    return List.copyOf(warnings);
  }

  public void add(Diagnostic d) {
    diagnostics.add(shortened(d));
  }

  /** The diagnostic with its quoted text shortened; its location and labels kept. */
  private static Diagnostic shortened(Diagnostic d) {
    return new Diagnostic(
        d.code(),
        shorten(d.message()),
        d.location(),
        d.help() == null ? null : shorten(d.help()),
        d.labels());
  }

  /** The text with each quoted part longer than {@link #MAX_QUOTED} shortened. */
  static String shorten(String text) {
    if (text.length() <= MAX_QUOTED) {
      return text;
    }
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      int open = text.indexOf('`', i);
      int close = open < 0 ? -1 : text.indexOf('`', open + 1);
      if (close < 0) {
        out.append(text, i, text.length());
        break;
      }
      int length = close - open - 1;
      out.append(text, i, open + 1);
      if (length > MAX_QUOTED) {
        int keep = text.offsetByCodePoints(open + 1, 64) - open - 1;
        out.append(text, open + 1, open + 1 + keep)
            .append("…` (")
            .append(length)
            .append(" characters)");
      } else {
        out.append(text, open + 1, close + 1);
      }
      i = close + 1;
    }
    return out.toString();
  }

  public boolean any() {
    return !diagnostics.isEmpty();
  }

  public int count() {
    return diagnostics.size();
  }

  public List<Diagnostic> list() {
    return List.copyOf(diagnostics);
  }

  public static SourceLocation at(String file, Span span) {
    if (span == null || span.line() < 1) {
      return new SourceLocation(file, 0, 0, 0);
    }
    return new SourceLocation(file, span.line(), span.column(), span.length());
  }
}
