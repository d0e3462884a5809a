package dev.mosaic.cli.options;

import dev.mosaic.host.audit.AuditCodes;
import dev.mosaic.host.audit.SealKeys;
import dev.mosaic.hsm.SecretBackend;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.diag.Diagnostic;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Turns the seal key options of {@code run}/{@code exec} and {@code audit verify} into keys. */
public final class SealKeyOptions {
  private SealKeyOptions() {}

  /**
   * The keys named by a key file or a token key label, or {@code null} when neither is given.
   *
   * @param option the key file option's name, for messages
   */
  public static SealKeys keys(Path keyFile, String label, SecretBackend backend, String option) {
    if (keyFile != null && label != null) {
      throw new MosaicException(
          Diagnostic.of(AuditCodes.KEY_UNUSABLE, option + " and a key label exclude each other")
              .withHelp("seal with a key file for development, or a token key in production"));
    }
    if (label != null) {
      if (backend == null) {
        throw new MosaicException(
            Diagnostic.of(AuditCodes.KEY_UNUSABLE, "a seal key label needs --secrets")
                .withHelp("name the token: --secrets pkcs11:token.properties"));
      }
      return SealKeys.token(backend, label);
    }
    if (keyFile == null) {
      return null;
    }
    if (!Files.isRegularFile(keyFile)) {
      throw new MosaicException(
          Diagnostic.of(AuditCodes.KEY_UNUSABLE, "seal key file `" + keyFile + "` does not exist")
              .withHelp("create one with `mosaic audit keygen FILE`"));
    }
    try {
      return SealKeys.keyFile(keyFile);
    } catch (IllegalArgumentException | UncheckedIOException e) {
      throw new MosaicException(
          Diagnostic.of(AuditCodes.KEY_UNUSABLE, "seal key file `" + keyFile + "` is unusable")
              .withHelp("a seal key file holds 64 hex digits, as `mosaic audit keygen` writes"));
    }
  }
}
