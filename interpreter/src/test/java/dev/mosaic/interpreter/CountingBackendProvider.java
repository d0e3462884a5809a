package dev.mosaic.interpreter;

import dev.mosaic.hsm.Secret;
import dev.mosaic.hsm.SecretBackend;
import dev.mosaic.hsm.SecretBackendProvider;
import dev.mosaic.plan.MosaicException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Secret backends of scheme {@code counting}, for tests of who closes them: counts opens and
 * closes; {@code fail=true} refuses to open (E7107).
 */
public final class CountingBackendProvider implements SecretBackendProvider {
  static final AtomicInteger OPENED = new AtomicInteger();
  static final AtomicInteger CLOSED = new AtomicInteger();

  @Override
  public String scheme() {
    return "counting";
  }

  @Override
  public SecretBackend create(Map<String, String> config) {
    if ("true".equals(config.get("fail"))) {
      throw new MosaicException("E7107", "no token `counting`");
    }
    OPENED.incrementAndGet();
    return new SecretBackend() {
      @Override
      public String id() {
        return "counting://" + config.getOrDefault("name", "");
      }

      @Override
      public Secret read(String name) {
        throw new MosaicException("E7107", "no secret");
      }

      @Override
      public byte[] hmacSha256(String keyName, byte[] data) {
        throw new MosaicException("E7107", "no key");
      }

      @Override
      public void close() {
        CLOSED.incrementAndGet();
      }
    };
  }
}
