package dev.mosaic.plan;

import dev.mosaic.plan.diag.Diagnostic;
import java.util.List;

/**
 * The one unchecked exception Mosaic throws for a problem with user input or a guest. It carries
 * one or more diagnostics, each with a stable code; the message is the first diagnostic's header.
 */
public class MosaicException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient List<Diagnostic> diagnostics;

  public MosaicException(List<Diagnostic> diagnostics) {
    super(diagnostics.isEmpty() ? "error" : diagnostics.getFirst().header(), null, false, false);
    if (diagnostics.isEmpty()) {
      throw new IllegalArgumentException("at least one diagnostic");
    }
    this.diagnostics = List.copyOf(diagnostics);
  }

  public MosaicException(Diagnostic diagnostic) {
    this(List.of(diagnostic));
  }

  public MosaicException(String code, String message) {
    this(Diagnostic.of(code, message));
  }

  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  public String code() {
    return diagnostics.getFirst().code();
  }

  public int exitCode() {
    return diagnostics.getFirst().exitCode();
  }
}
