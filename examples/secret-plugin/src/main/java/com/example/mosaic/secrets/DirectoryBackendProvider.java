package com.example.mosaic.secrets;

import dev.mosaic.hsm.SecretBackend;
import dev.mosaic.hsm.SecretBackendProvider;
import dev.mosaic.hsm.SecretCodes;
import dev.mosaic.hsm.SecretErrors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Provides the {@code dir} scheme. Setting: {@code path}, the directory holding the secrets. */
public final class DirectoryBackendProvider implements SecretBackendProvider {
  @Override
  public String scheme() {
    return "dir";
  }

  @Override
  public SecretBackend create(Map<String, String> config) {
    String path = config.get("path");
    if (path == null || !Files.isDirectory(Path.of(path))) {
      throw SecretErrors.error(
          SecretCodes.BAD_CONFIG,
          "secret backend `dir` needs `path`, an existing directory",
          null);
    }
    return new DirectorySecretBackend(Path.of(path));
  }
}
