package dev.mosaic.cli.repl;

import dev.mosaic.plan.diag.Diagnostic;
import dev.mosaic.plan.diag.SourceLocation;
import java.util.ArrayList;
import java.util.List;

/**
 * The declarations a session has accepted, as entries of source text (typed input or a loaded
 * file). They are compiled as one script; a place in that script maps back to the entry and line
 * the user knows.
 */
final class Transcript {
  /** File name of diagnostics while compiling the whole transcript. */
  static final String FILE = "<session>";

  /**
   * One accepted input.
   *
   * @param name how diagnostics name it: {@code <repl>} or a loaded file's path
   * @param text its source, ending with a newline
   * @param firstLine the line of the whole transcript where it starts
   */
  record Entry(String name, String text, int firstLine) {}

  private final List<Entry> entries;
  private final String text;
  private final int lines;

  Transcript() {
    this(List.of(), "", 0);
  }

  private Transcript(List<Entry> entries, String text, int lines) {
    this.entries = List.copyOf(entries);
    this.text = text;
    this.lines = lines;
  }

  /** This transcript with one more entry. */
  Transcript with(String name, String source) {
    String body = source.endsWith("\n") ? source : source + "\n";
    List<Entry> more = new ArrayList<>(entries);
    Entry entry = new Entry(name, body, lines + 1);
    more.add(entry);
    return new Transcript(more, text + body, lines + (int) body.lines().count());
  }

  /** Every entry's text, in order: the script that is compiled. */
  String text() {
    return text;
  }

  boolean isEmpty() {
    return entries.isEmpty();
  }

  /** The newest entry. */
  Entry last() {
    return entries.getLast();
  }

  /** A place in {@link #text()} as a place in the entry that holds it. */
  SourceLocation locate(int line, int column, int length) {
    Entry e = entryAt(line);
    if (e == null) {
      return new SourceLocation(FILE, line, column, length);
    }
    return new SourceLocation(e.name(), line - e.firstLine() + 1, column, length);
  }

  /**
   * Renders a diagnostic of the whole transcript against the entry it points into, so the header
   * names the entry and the caret sits under the user's own line.
   */
  Rendered relocate(Diagnostic d) {
    SourceLocation at = d.location();
    if (!at.isKnown() || !FILE.equals(at.file())) {
      return new Rendered(d, null);
    }
    Entry e = entryAt(at.line());
    if (e == null) {
      return new Rendered(d, null);
    }
    Diagnostic moved =
        new Diagnostic(
            d.code(), d.message(), locate(at.line(), at.column(), at.length()), d.help());
    return new Rendered(moved, e.text());
  }

  /**
   * A diagnostic ready to render.
   *
   * @param diagnostic with its location inside an entry
   * @param source that entry's text, or {@code null}
   */
  record Rendered(Diagnostic diagnostic, String source) {}

  private Entry entryAt(int line) {
    for (int i = entries.size() - 1; i >= 0; i--) {
      if (line >= entries.get(i).firstLine()) {
        return entries.get(i);
      }
    }
    return null;
  }
}
