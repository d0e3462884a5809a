package dev.mosaic.interpreter.diag;

import dev.mosaic.plan.diag.Diagnostic;
import dev.mosaic.plan.diag.SourceLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
  /** Source lines longer than this (in characters) are shown as a window around the span. */
  static final int MAX_LINE = 160;

  /** Characters of a long line shown before the span. */
  static final int BEFORE_SPAN = 40;

  /** Quoted user text longer than this (in characters) is shortened in messages. */
  static final int MAX_QUOTED = 80;

  private static final Pattern LONG_QUOTE = Pattern.compile("`([^`]{" + (MAX_QUOTED + 1) + ",})`");

  private DiagnosticRenderer() {}

  /** Renders with source context when {@code source} is the text of the diagnostic's file. */
  public static String render(Diagnostic d, String source) {
    String file = d.location().file();
    return render(d, f -> f.equals(file) ? source : null);
  }

  /**
   * Text from a script or plan made safe to print, line by line: every control character but the
   * line ends is escaped (see {@link TerminalText}). For output that echoes plan or script content
   * outside diagnostics: summaries, explanations.
   */
  public static String visibleLines(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            cp ->
                out.append(
                    cp == '\n' || cp == '\t' ? Character.toString(cp) : TerminalText.shown(cp)));
    return out.toString();
  }

  /**
   * Renders every diagnostic as {@link #render} does, one after another.
   *
   * @param source the text the diagnostics point into, or {@code null} for none
   */
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
    StringBuilder out = new StringBuilder(text(d.header())).append('\n');
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
    Mark previous = null;
    for (Mark m : marks) {
      boolean sameLine =
          previous != null
              && previous.at().file().equals(m.at().file())
              && previous.at().line() == m.at().line();
      previous = m;
      if (sameLine) {
        // A second place on the line just shown: only its marker, under the same line.
        snippet(out, m, gutter, false);
        continue;
      }
      if (!m.at().file().equals(file)) {
        out.append(" ".repeat(gutter)).append("::: ").append(text(m.at().toString())).append('\n');
      }
      out.append(blank).append('\n');
      snippet(out, m, gutter, true);
    }
    for (String note : notes) {
      out.append(" ".repeat(gutter)).append(" = ").append(text(note)).append('\n');
    }
    return out.toString();
  }

  /** The source line with its number, and the marker under the span by display width. */
  private static void snippet(StringBuilder out, Mark m, int gutter, boolean showLine) {
    StringBuilder code = new StringBuilder();
    String number = Integer.toString(m.at().line());
    code.append(" ".repeat(gutter - number.length())).append(number).append(" | ");
    int column = Math.max(1, m.at().column());
    int length = Math.max(1, m.at().length());
    int indent = 0;
    int width = 0;
    int[] points = m.line().codePoints().toArray();
    int from = 0;
    int to = points.length;
    if (points.length > MAX_LINE) {
      // A window around the span, so a huge line (a generated or hostile script) is not echoed.
      from = Math.max(0, Math.min(column - 1, points.length) - BEFORE_SPAN);
      to = Math.min(points.length, from + MAX_LINE);
    }
    if (from > 0) {
      code.append("...");
      indent += 3;
    }
    for (int i = from; i < to; i++) {
      int cp = points[i];
      code.append(TerminalText.shown(cp));
      int w = TerminalText.width(cp);
      int index = i + 1;
      if (index < column) {
        indent += w;
      } else if (index < column + length) {
        width += w;
      }
    }
    if (to < points.length) {
      code.append("...");
    }
    if (showLine) {
      out.append(code).append('\n');
    }
    out.append(" ".repeat(gutter)).append(" | ").append(" ".repeat(indent));
    out.append(String.valueOf(m.marker()).repeat(Math.max(1, width)));
    if (m.text() != null) {
      out.append(' ').append(text(m.text()));
    }
    out.append('\n');
  }

  /** Message text as a terminal may show it: controls escaped, long quoted names shortened. */
  private static String text(String message) {
    String visible = TerminalText.visible(message);
    if (visible.length() <= MAX_QUOTED) {
      return visible;
    }
    Matcher m = LONG_QUOTE.matcher(visible);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String quoted = m.group(1);
      int keep =
          quoted.offsetByCodePoints(
              0, Math.min(MAX_QUOTED - 20, quoted.codePointCount(0, quoted.length())));
      m.appendReplacement(
          out,
          Matcher.quoteReplacement(
              "`" + quoted.substring(0, keep) + "...` (" + quoted.length() + " characters)"));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** Line {@code number} (1-based), split at LF, CRLF and lone CR as the parser counts them. */
  private static String line(String source, int number) {
    if (source == null || number < 1) {
      return null;
    }
    return source.lines().skip(number - 1L).findFirst().orElse(null);
  }
}
