package dev.mosaic.host.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The sealing arithmetic, shared by the writer and the verifier. Epoch {@code e} is sealed with
 * {@code k_e}; {@code k_{e+1} = HMAC-SHA256(k_e, "mosaic-audit-evolve")}, a one-way step, so a key
 * taken at epoch {@code e} cannot produce the key of any earlier epoch.
 */
final class AuditSeal {
  static final String EVENT_TYPE = "audit_seal";
  static final String MAC_PREFIX = "hmac-sha256:";
  private static final byte[] EVOLVE = "mosaic-audit-evolve".getBytes(StandardCharsets.US_ASCII);

  private AuditSeal() {}

  static byte[] seedLabel(String tenant) {
    return ("mosaic-audit-seed\0" + tenant).getBytes(StandardCharsets.UTF_8);
  }

  static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from the JDK", e);
    }
  }

  /** The next epoch's key; zeroes {@code key}. */
  static byte[] evolve(byte[] key) {
    byte[] next = hmac(key, EVOLVE);
    Arrays.fill(key, (byte) 0);
    return next;
  }

  /** What a seal's MAC covers: its tenant, epoch, range, time and the hash of the line before. */
  static String mac(
      byte[] key,
      String tenant,
      long epoch,
      long first,
      long seq,
      String timestamp,
      String prevHash,
      String reason) {
    String input =
        String.join(
            "\n",
            "mosaic-audit-seal-v1",
            tenant,
            Long.toString(epoch),
            Long.toString(first),
            Long.toString(seq),
            timestamp,
            prevHash,
            reason);
    return MAC_PREFIX + HexFormat.of().formatHex(hmac(key, input.getBytes(StandardCharsets.UTF_8)));
  }
}
