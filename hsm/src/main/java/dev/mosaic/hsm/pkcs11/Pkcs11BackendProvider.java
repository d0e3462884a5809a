package dev.mosaic.hsm.pkcs11;

import dev.mosaic.hsm.SecretBackend;
import dev.mosaic.hsm.SecretBackendProvider;
import java.util.Map;

/** The {@code pkcs11} scheme; settings are those of {@link Pkcs11Config#fromMap}. */
public final class Pkcs11BackendProvider implements SecretBackendProvider {
  @Override
  public String scheme() {
    return "pkcs11";
  }

  @Override
  public SecretBackend create(Map<String, String> config) {
    return Pkcs11SecretBackend.open(Pkcs11Config.fromMap(config, System.getenv()));
  }
}
