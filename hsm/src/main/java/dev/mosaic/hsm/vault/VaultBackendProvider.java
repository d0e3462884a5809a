package dev.mosaic.hsm.vault;

import dev.mosaic.hsm.SecretBackend;
import dev.mosaic.hsm.SecretBackendProvider;
import java.util.Map;

/** The {@code vault} scheme; settings are those of {@link VaultConfig#fromMap}. */
public final class VaultBackendProvider implements SecretBackendProvider {
  @Override
  public String scheme() {
    return "vault";
  }

  @Override
  public SecretBackend create(Map<String, String> config) {
    return new VaultSecretBackend(VaultConfig.fromMap(config, System.getenv()));
  }
}
