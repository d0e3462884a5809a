package dev.mosaic.interpreter;

import dev.mosaic.plan.Diagnostic;
import dev.mosaic.plan.SourceLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Renders diagnostics the way a user reads them: the header, then each place it points at with its
 * line number in a gutter, the source line and a marker under the span ({@code ^} for the primary
 * place with the help, {@code -} for secondary labels such as "first declared here").
 *
 * <pre>
 * error[E2002]: names.mosaic:4:11: component `hello` is declared twice
 *   |
 * 4 | component hello from "calc.wasm"
 *   |           ^^^^^ help: rename one of them
 *   |
 * 3 | component hello from "hello.wasm"
 *   |           ----- first declared here
 * </pre>
 *
 * Everything that came from a script or a plan is shown through {@link TerminalText}: control
 * characters are escaped, and markers are placed by display width, so wide characters, combining
 * marks and tabs before a span do not shift the caret.
 */
public final class DiagnosticRenderer {
  private DiagnosticRenderer() {}

  /** Renders with source context when {@code source} is the text of the diagnostic's file. */
  public static String render(Diagnostic d, String source) {
    String file = d.location().file();
    return render(d, f -> f.equals(file) ? source : null);
  }

  public static String renderAll(List<Diagnostic> diagnostics, String source) {
    StringBuilder out = new StringBuilder();
    for (Diagnostic d : diagnostics) {
      out.append(render(d, source));
    }
    return out.toString();
  }

  /** Renders each diagnostic with the source of the file it points into, when known. */
  public static String renderAll(List<Diagnostic> diagnostics, Map<String, String> sources) {
    StringBuilder out = new StringBuilder();
    for (Diagnostic d : diagnostics) {
      out.append(render(d, sources::get));
    }
    return out.toString();
  }

  private record Mark(SourceLocation at, String line, char marker, String text) {}

  private static String render(Diagnostic d, Function<String, String> sources) {
    StringBuilder out = new StringBuilder(TerminalText.visible(d.header())).append('\n');
    List<Mark> marks = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    String primary = line(sources.apply(d.location().file()), d.location().line());
    if (primary != null) {
      marks.add(
          new Mark(d.location(), primary, '^', d.help() == null ? null : "help: " + d.help()));
    } else if (d.help() != null) {
      notes.add("help: " + d.help());
    }
    for (Diagnostic.Label label : d.labels()) {
      String line = line(sources.apply(label.location().file()), label.location().line());
      if (line != null) {
        marks.add(new Mark(label.location(), line, '-', label.text()));
      } else {
        notes.add(
            "note: "
                + label.text()
                + (label.location().isKnown() ? " at " + label.location() : ""));
      }
    }
    int gutter = 1;
    for (Mark m : marks) {
      gutter = Math.max(gutter, Integer.toString(m.at().line()).length());
    }
    String blank = " ".repeat(gutter) + " |";
    String file = d.location().file();
    for (Mark m : marks) {
      if (!m.at().file().equals(file)) {
        out.append(" ".repeat(gutter))
            .append("::: ")
            .append(TerminalText.visible(m.at().toString()))
            .append('\n');
      }
      out.append(blank).append('\n');
      snippet(out, m, gutter);
    }
    for (String note : notes) {
      out.append(" ".repeat(gutter)).append(" = ").append(TerminalText.visible(note)).append('\n');
    }
    return out.toString();
  }

  /** The source line with its number, and the marker under the span by display width. */
  private static void snippet(StringBuilder out, Mark m, int gutter) {
    String number = Integer.toString(m.at().line());
    out.append(" ".repeat(gutter - number.length())).append(number).append(" | ");
    int column = Math.max(1, m.at().column());
    int length = Math.max(1, m.at().length());
    int indent = 0;
    int width = 0;
    int index = 1;
    int[] points = m.line().codePoints().toArray();
    for (int cp : points) {
      out.append(TerminalText.shown(cp));
      int w = TerminalText.width(cp);
      if (index < column) {
        indent += w;
      } else if (index < column + length) {
        width += w;
      }
      index++;
    }
    out.append('\n');
    out.append(" ".repeat(gutter)).append(" | ").append(" ".repeat(indent));
    out.append(String.valueOf(m.marker()).repeat(Math.max(1, width)));
    if (m.text() != null) {
      out.append(' ').append(TerminalText.visible(m.text()));
    }
    out.append('\n');
  }

  /** Line {@code number} (1-based), split at LF, CRLF and lone CR as the parser counts them. */
  private static String line(String source, int number) {
    if (source == null || number < 1) {
      return null;
    }
    return source.lines().skip(number - 1L).findFirst().orElse(null);
  }
}
