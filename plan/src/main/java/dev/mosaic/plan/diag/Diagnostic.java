package dev.mosaic.plan.diag;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One finding about user input: a stable code (see docs/errors.md), a one-line message in lowercase
 * without a trailing period, an optional source location and an optional help text.
 *
 * @param code stable error code such as {@code E4001}
 * @param message one-line message; user input in backticks
 * @param location where the problem is, or {@link SourceLocation#NONE}
 * @param help an explanation or fix, or {@code null}
 * @param labels other places that explain this one ("first declared here"), in order
 */
public record Diagnostic(
    String code, String message, SourceLocation location, String help, List<Label> labels) {

  /**
   * A secondary place a diagnostic points at, with a short note.
   *
   * @param location where
   * @param text what is there, e.g. {@code first declared here}
   */
  public record Label(SourceLocation location, String text) {
    public Label {
      Objects.requireNonNull(location, "location");
      Objects.requireNonNull(text, "text");
    }
  }

  public Diagnostic {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
    location = location == null ? SourceLocation.NONE : location;
    labels = labels == null ? List.of() : List.copyOf(labels);
  }

  /** A diagnostic without secondary labels. */
  public Diagnostic(String code, String message, SourceLocation location, String help) {
    this(code, message, location, help, List.of());
  }

  public static Diagnostic of(String code, String message) {
    return new Diagnostic(code, message, SourceLocation.NONE, null);
  }

  public Diagnostic withHelp(String text) {
    return new Diagnostic(code, message, location, text, labels);
  }

  /** This diagnostic at another location. */
  public Diagnostic at(SourceLocation where) {
    return new Diagnostic(code, message, where, help, labels);
  }

  /** This diagnostic with one more secondary label. */
  public Diagnostic withLabel(SourceLocation where, String text) {
    List<Label> more = new ArrayList<>(labels);
    more.add(new Label(where, text));
    return new Diagnostic(code, message, location, help, more);
  }

  /** The exit code the command line uses when this diagnostic stops a command. */
  public int exitCode() {
    return ExitCodes.forCode(code);
  }

  /** Renders the header line {@code error[E4001]: file:line:col: message}. */
  public String header() {
    String where = location.isKnown() ? location + ": " : "";
    return "error[" + code + "]: " + where + message;
  }
}
