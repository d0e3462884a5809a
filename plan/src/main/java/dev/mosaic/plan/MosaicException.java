package dev.mosaic.plan;

import dev.mosaic.plan.diag.Diagnostic;
import dev.mosaic.plan.diag.ErrorCode;
import java.util.List;

/**
 * The one unchecked exception Mosaic throws for a problem with user input or a guest. It carries
 * one or more diagnostics, each with a stable code; the message is the first diagnostic's header.
 *
 * <p>A cause, when one is given, is kept for the host's own logs ({@link #getCause()}): it never
 * enters the message, {@link #toString()} or the diagnostics, so what is shown to a user or a guest
 * is only the coded diagnostic, whatever text the cause holds.
 *
 * <p>Thread-safety: immutable once thrown; safe to share between threads.
 */
public class MosaicException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient List<Diagnostic> diagnostics;

  /**
   * An exception carrying {@code diagnostics}, the first of which gives its code and message.
   *
   * @throws IllegalArgumentException when {@code diagnostics} is empty
   */
  public MosaicException(List<Diagnostic> diagnostics) {
    this(diagnostics, null);
  }

  /**
   * An exception carrying {@code diagnostics} and the failure that caused them, kept for the host's
   * logs only.
   *
   * @param cause the underlying failure, or {@code null}; its message is never part of this
   *     exception's message
   * @throws IllegalArgumentException when {@code diagnostics} is empty
   */
  public MosaicException(List<Diagnostic> diagnostics, Throwable cause) {
    super(diagnostics.isEmpty() ? "error" : diagnostics.getFirst().header(), cause, true, false);
    if (diagnostics.isEmpty()) {
      throw new IllegalArgumentException("at least one diagnostic");
    }
    this.diagnostics = List.copyOf(diagnostics);
  }

  /** An exception carrying one diagnostic. */
  public MosaicException(Diagnostic diagnostic) {
    this(List.of(diagnostic));
  }

  /**
   * An exception carrying one diagnostic and its cause, kept for the host's logs only.
   *
   * @param cause the underlying failure, or {@code null}
   */
  public MosaicException(Diagnostic diagnostic, Throwable cause) {
    this(List.of(diagnostic), cause);
  }

  /** An exception carrying one diagnostic with {@code code} and {@code message} and no help. */
  public MosaicException(String code, String message) {
    this(Diagnostic.of(code, message));
  }

  /** The diagnostics, at least one, in the order they were found. */
  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  /** The code of the first diagnostic, e.g. {@code E9002} (docs/errors.md). */
  public String code() {
    return diagnostics.getFirst().code();
  }

  /** The first diagnostic's code, typed: its id and band. */
  public ErrorCode errorCode() {
    return ErrorCode.of(code());
  }

  /** The command line's exit code for the first diagnostic, given by its code's band. */
  public int exitCode() {
    return diagnostics.getFirst().exitCode();
  }
}
