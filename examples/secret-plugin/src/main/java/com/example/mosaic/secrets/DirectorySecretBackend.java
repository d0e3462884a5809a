package com.example.mosaic.secrets;

import dev.mosaic.hsm.LocalKeys;
import dev.mosaic.hsm.Secret;
import dev.mosaic.hsm.SecretBackend;
import dev.mosaic.hsm.SecretCodes;
import dev.mosaic.hsm.SecretErrors;
import dev.mosaic.hsm.SecretNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Secrets stored one per file under a directory, the way container platforms mount them (for
 * example {@code /run/secrets/db-password}). A sample of a Mosaic secret backend plugin.
 */
public final class DirectorySecretBackend implements SecretBackend {
  private final Path root;

  public DirectorySecretBackend(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  @Override
  public String id() {
    return "dir://" + root;
  }

  @Override
  public Secret read(String name) {
    // SecretNames rejects `..`, absolute paths and odd characters, so the file stays under root.
    Path file = root.resolve(SecretNames.check(name)).normalize();
    if (!file.startsWith(root) || !Files.isRegularFile(file)) {
      throw SecretErrors.error(
          SecretCodes.SECRET_NOT_FOUND,
          "no secret `" + name + "` in `" + root + "`",
          "create the file `" + name + "` under `" + root + "`");
    }
    try {
      return new Secret(name, Files.readAllBytes(file));
    } catch (IOException e) {
      throw SecretErrors.error(
          SecretCodes.BACKEND_UNAVAILABLE,
          "cannot read secret `" + name + "` from `" + root + "`",
          "check that the host process may read it");
    }
  }

  @Override
  public byte[] hmacSha256(String keyName, byte[] data) {
    return LocalKeys.hmacSha256(this, keyName, data);
  }
}
