package dev.mosaic.plan.diag;

/** Command line exit codes (docs/errors.md, "Exit codes") and the mapping from error-code bands. */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int USAGE = 64;
  public static final int INPUT_REJECTED = 65;
  public static final int MISSING = 66;
  public static final int GUEST_FAILED = 70;
  public static final int DENIED = 77;

  private ExitCodes() {}

  /**
   * Maps an error code to the exit code of the command that it stops, through its band ({@link
   * ErrorCode.Band#exitCode}): blobs or files that are missing give 66, signature and policy
   * denials 77, runtime failures 70, and everything else that rejects input 65 (also a code that is
   * not E and four digits).
   */
  public static int forCode(String code) {
    return ErrorCode.isValid(code) ? ErrorCode.of(code).exitCode() : INPUT_REJECTED;
  }
}
