package dev.mosaic.hsm;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Key operations computed in the host process for backends that only store values (env, Vault KV):
 * the key is read, used and its copy wiped; it never reaches a guest. The JDK's key spec and MAC
 * keep their own copies until collected, which is why keys that must not exist in host memory
 * belong on a PKCS#11 token.
 */
public final class LocalKeys {
  private LocalKeys() {}

  /** HMAC-SHA256 of {@code data} under the value of {@code backend}'s secret {@code keyName}. */
  public static byte[] hmacSha256(SecretBackend backend, String keyName, byte[] data) {
    try (Secret key = backend.read(keyName)) {
      return key.withValue(
          bytes -> {
            if (bytes.length == 0) {
              throw SecretErrors.error(
                  SecretCodes.OPERATION_UNSUPPORTED,
                  "secret `" + keyName + "` is empty and cannot be an hmac key",
                  null);
            }
            SecretKeySpec spec = new SecretKeySpec(bytes, "HmacSHA256");
            try {
              Mac mac = Mac.getInstance("HmacSHA256");
              mac.init(spec);
              return mac.doFinal(data);
            } catch (GeneralSecurityException e) {
              throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
            }
          });
    }
  }
}
