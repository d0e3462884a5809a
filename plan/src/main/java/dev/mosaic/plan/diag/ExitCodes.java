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
   * Maps an error code to the exit code of the command that it stops: blobs or files that are
   * missing give 66, signature and policy denials 77, runtime failures 70, and everything else that
   * rejects input 65.
   */
  public static int forCode(String code) {
    if (code.length() != 5 || code.charAt(0) != 'E') {
      return INPUT_REJECTED;
    }
    return switch (code.charAt(1)) {
      case '4' ->
          switch (code.charAt(2)) {
            case '0' -> MISSING;
            case '1' -> DENIED;
            default -> INPUT_REJECTED;
          };
      case '7' -> DENIED;
      case '9' -> GUEST_FAILED;
      default -> INPUT_REJECTED;
    };
  }
}
