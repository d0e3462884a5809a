package dev.mosaic.host;

import dev.mosaic.hsm.Secret;
import dev.mosaic.hsm.SecretBackend;
import dev.mosaic.plan.MosaicException;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** An in-memory secret backend for tests; counts reads so tests can show a key was never read. */
final class FakeSecretBackend implements SecretBackend {
  private final String id;
  private final Map<String, byte[]> values;
  final AtomicInteger reads = new AtomicInteger();

  FakeSecretBackend(String id, Map<String, byte[]> values) {
    this.id = id;
    this.values = Map.copyOf(values);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public Secret read(String name) {
    reads.incrementAndGet();
    return new Secret(name, value(name).clone());
  }

  @Override
  public byte[] hmacSha256(String keyName, byte[] data) {
    return hmac(value(keyName), data);
  }

  static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private byte[] value(String name) {
    byte[] v = values.get(name);
    if (v == null) {
      throw new MosaicException("E7101", "secret `" + name + "` does not exist");
    }
    return v;
  }
}
