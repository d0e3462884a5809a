package dev.mosaic.plan.diag;

import dev.mosaic.plan.MosaicException;
import java.util.ArrayList;
import java.util.List;

/**
 * The one collector of diagnostics: a compilation or a validation phase adds to it and never stops
 * at the first, then throws them all ({@link #throwIfAny}) or hands them on ({@link #list}).
 *
 * <ul>
 *   <li>Order: diagnostics keep the order they were added in.
 *   <li>Cap: past {@code cap} errors the rest are counted, not kept; the last kept one's help says
 *       how many were left out ({@code and 3 more errors not shown}).
 *   <li>Size: a name quoted in a message or help ({@code `name`}) longer than {@link #MAX_QUOTED}
 *       characters is shortened to its start, an ellipsis and its length, so hostile input cannot
 *       make its diagnostics as large as itself; the location and labels are kept.
 * </ul>
 *
 * <p>Not thread-safe: one collector per compilation or phase.
 */
public final class Diagnostics {
  /** Longest quoted text shown whole in a message. */
  public static final int MAX_QUOTED = 160;

  private final int cap;
  private final List<Diagnostic> errors = new ArrayList<>();
  private final List<Diagnostic> warnings = new ArrayList<>();
  private int dropped;

  /** A collector that keeps every error. */
  public Diagnostics() {
    this(Integer.MAX_VALUE);
  }

  /** A collector that keeps the first {@code cap} errors and counts the rest. */
  public Diagnostics(int cap) {
    if (cap < 1) {
      throw new IllegalArgumentException("cap must be at least 1, not " + cap);
    }
    this.cap = cap;
  }

  /** Adds an error without a location. */
  public void add(String code, String message) {
    add(Diagnostic.of(code, message));
  }

  /** Adds an error, shortened; past the cap it is only counted. */
  public void add(Diagnostic d) {
    if (errors.size() < cap) {
      errors.add(shortened(d));
    } else {
      dropped++;
    }
  }

  /** Adds a problem that does not stop anything (shown as {@code warning[...]}); never capped. */
  public void warn(Diagnostic d) {
    warnings.add(shortened(d));
  }

  public boolean any() {
    return !errors.isEmpty();
  }

  /** How many errors were added, kept or not. */
  public int count() {
    return errors.size() + dropped;
  }

  /** The kept errors in the order added; the last says how many more were left out. */
  public List<Diagnostic> list() {
    List<Diagnostic> out = new ArrayList<>(errors);
    if (dropped > 0) {
      Diagnostic last = out.getLast();
      String more = "and " + dropped + " more errors not shown";
      out.set(
          out.size() - 1, last.withHelp(last.help() == null ? more : last.help() + "; " + more));
    }
    return List.copyOf(out);
  }

  public List<Diagnostic> warnings() {
    return List.copyOf(warnings);
  }

  /** Throws every kept error as one {@link MosaicException}; does nothing when there is none. */
  public void throwIfAny() {
    if (any()) {
      throw new MosaicException(list());
    }
  }

  /** The diagnostic with its quoted text shortened; its location and labels kept. */
  static Diagnostic shortened(Diagnostic d) {
    return new Diagnostic(
        d.code(),
        shorten(d.message()),
        d.location(),
        d.help() == null ? null : shorten(d.help()),
        d.labels());
  }

  /** The text with each quoted part longer than {@link #MAX_QUOTED} shortened. */
  public static String shorten(String text) {
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
}
