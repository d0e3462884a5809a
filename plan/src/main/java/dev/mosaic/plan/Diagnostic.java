package dev.mosaic.plan;

import java.util.Objects;

/**
 * One finding about user input: a stable code (see docs/errors.md), a one-line message in lowercase
 * without a trailing period, an optional source location and an optional help text.
 *
 * @param code stable error code such as {@code E4001}
 * @param message one-line message; user input in backticks
 * @param location where the problem is, or {@link SourceLocation#NONE}
 * @param help an explanation or fix, or {@code null}
 */
public record Diagnostic(String code, String message, SourceLocation location, String help) {

  public Diagnostic {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
    location = location == null ? SourceLocation.NONE : location;
  }

  public static Diagnostic of(String code, String message) {
    return new Diagnostic(code, message, SourceLocation.NONE, null);
  }

  public Diagnostic withHelp(String text) {
    return new Diagnostic(code, message, location, text);
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
