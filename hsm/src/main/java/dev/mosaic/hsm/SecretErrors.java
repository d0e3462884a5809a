package dev.mosaic.hsm;

import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.diag.Diagnostic;

/**
 * Builds the coded exceptions of secret backends. The exceptions never carry a cause: a lower
 * layer's message or {@code toString} might hold a value, so only what is written here reaches a
 * user or a log.
 */
public final class SecretErrors {
  private SecretErrors() {}

  /** An exception with one diagnostic; {@code help} may be {@code null}. */
  public static MosaicException error(String code, String message, String help) {
    Diagnostic diagnostic = Diagnostic.of(code, message);
    return new MosaicException(help == null ? diagnostic : diagnostic.withHelp(help));
  }

  /** The refusal of a development-only backend ({@code scheme}) in production mode. */
  public static MosaicException developmentOnly(String scheme) {
    return error(
        SecretCodes.DEVELOPMENT_ONLY,
        "secret backend `" + scheme + "` is for development only and the host runs in production",
        "use pkcs11 or vault in production; unset "
            + HostMode.ENV
            + " (or set it to `development`) on a development machine");
  }
}
