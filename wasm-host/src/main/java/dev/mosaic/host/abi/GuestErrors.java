package dev.mosaic.host.abi;

/**
 * Negative values a capability host function returns to the guest instead of a result (see the
 * table in docs/guest-abi.md). A guest never sees a Java exception.
 *
 * <p>Thread-safety: constants only.
 */
public final class GuestErrors {
  /** The policy does not allow this use (this parameter); the denial is audited. */
  public static final int DENIED = -1;

  /** The secret, key, file or host does not exist. */
  public static final int NOT_FOUND = -2;

  /** An argument is malformed (not UTF-8, a bad URL, a path escaping its root). */
  public static final int INVALID = -3;

  /** A size cap was hit (value, store quota, response size). */
  public static final int TOO_LARGE = -4;

  /** The backend failed (i/o error, network error, timeout). */
  public static final int IO = -5;

  /** The host has no backend for this capability (no secret backend, no file root). */
  public static final int UNAVAILABLE = -6;

  /**
   * The path is a FIFO, device or socket: the host opens regular files and lists directories only.
   */
  public static final int SPECIAL_FILE = -7;

  private GuestErrors() {}
}
