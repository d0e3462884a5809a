package dev.mosaic.host;

import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.diag.Diagnostic;

/**
 * A WASI guest called {@code proc_exit} with a status other than 0. The command line exits with
 * that status (1 to 255; other statuses exit 255), as a native program would.
 *
 * <p>Thread-safety: immutable.
 */
public final class GuestExit extends MosaicException {
  private static final long serialVersionUID = 1L;
  private final int status;

  GuestExit(String component, String function, int status) {
    super(
        Diagnostic.of(
                HostCodes.EXIT,
                "component `"
                    + component
                    + "` exited with status "
                    + Integer.toUnsignedString(status)
                    + " in `"
                    + function
                    + "`")
            .withHelp(
                "the guest called `proc_exit` (C: `exit`, or a non-zero return from `main`)"));
    this.status = status;
  }

  /** The status the guest passed to {@code proc_exit}. */
  public int status() {
    return status;
  }

  @Override
  public int exitCode() {
    return status >= 1 && status <= 255 ? status : 255;
  }
}
