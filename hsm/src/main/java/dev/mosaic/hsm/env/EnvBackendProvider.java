package dev.mosaic.hsm.env;

import dev.mosaic.hsm.HostMode;
import dev.mosaic.hsm.SecretBackend;
import dev.mosaic.hsm.SecretBackendProvider;
import java.util.Map;

/**
 * The {@code env} scheme, development only. Setting: {@code prefix} (default {@value
 * EnvSecretBackend#DEFAULT_PREFIX}).
 */
public final class EnvBackendProvider implements SecretBackendProvider {
  @Override
  public String scheme() {
    return "env";
  }

  @Override
  public boolean developmentOnly() {
    return true;
  }

  @Override
  public SecretBackend create(Map<String, String> config) {
    return new EnvSecretBackend(
        HostMode.current(),
        System.getenv(),
        config.getOrDefault("prefix", EnvSecretBackend.DEFAULT_PREFIX));
  }
}
