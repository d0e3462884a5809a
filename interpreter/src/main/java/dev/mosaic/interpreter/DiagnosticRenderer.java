package dev.mosaic.interpreter;

import dev.mosaic.plan.Diagnostic;
import java.util.List;
import java.util.Map;

/**
 * Renders diagnostics the way a user reads them: the header, the source line and a caret under the
 * span, then the help text.
 *
 * <pre>
 * error[E2001]: hello.mosaic:12:7: unknown component `greter`
 *    |   allow greter log
 *    |         ^^^^^^ help: did you mean `greeter`?
 * </pre>
 */
public final class DiagnosticRenderer {
  private DiagnosticRenderer() {}

  /** Renders with source context when {@code source} is the text of the diagnostic's file. */
  public static String render(Diagnostic d, String source) {
    StringBuilder out = new StringBuilder(d.header()).append('\n');
    String line = source == null ? null : line(source, d.location().line());
    if (line != null) {
      int col = Math.max(1, d.location().column());
      int len = Math.max(1, Math.min(d.location().length(), line.length() - col + 1));
      out.append("   |   ").append(line).append('\n');
      out.append("   |   ")
          .append(" ".repeat(Math.min(col - 1, line.length())))
          .append("^".repeat(len));
      if (d.help() != null) {
        out.append(" help: ").append(d.help());
      }
      out.append('\n');
    } else if (d.help() != null) {
      out.append("   = help: ").append(d.help()).append('\n');
    }
    return out.toString();
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
      out.append(render(d, sources.get(d.location().file())));
    }
    return out.toString();
  }

  private static String line(String source, int number) {
    if (number < 1) {
      return null;
    }
    return source.lines().skip(number - 1L).findFirst().map(l -> l.replace('\t', ' ')).orElse(null);
  }
}
