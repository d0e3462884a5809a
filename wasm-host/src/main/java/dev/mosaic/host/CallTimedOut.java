package dev.mosaic.host;

/**
 * Thrown inside a host call (or while copying into guest memory) when the call's deadline has
 * passed: the host stops its own work at once instead of finishing it past the limit. The call ends
 * with E9002.
 */
public final class CallTimedOut extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CallTimedOut() {
    super("the call ran past its time limit", null, false, false);
  }
}
