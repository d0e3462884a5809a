package dev.mosaic.hsm;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A test plugin registered in the test class path's {@code META-INF/services}: scheme {@code
 * memory}, secrets are the configuration's entries.
 */
public final class MemoryBackendProvider implements SecretBackendProvider {
  @Override
  public String scheme() {
    return "memory";
  }

  @Override
  public SecretBackend create(Map<String, String> config) {
    return new SecretBackend() {
      @Override
      public String id() {
        return "memory://test";
      }

      @Override
      public Secret read(String name) {
        String value = config.get(name);
        if (value == null) {
          throw SecretErrors.error(SecretCodes.SECRET_NOT_FOUND, "no `" + name + "`", null);
        }
        return new Secret(name, value.getBytes(StandardCharsets.UTF_8));
      }

      @Override
      public byte[] hmacSha256(String keyName, byte[] data) {
        return LocalKeys.hmacSha256(this, keyName, data);
      }
    };
  }
}
