package dev.mosaic.host.audit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The hash that links each audit line to the one before it. */
public final class AuditChain {
  /** {@code prev_hash} of a log's first line. */
  public static final String GENESIS = "sha256:" + "0".repeat(64);

  private AuditChain() {}

  /** {@code sha256:<hex>} of a line's bytes (UTF-8, without the newline). */
  public static String hash(byte[] line) {
    try {
      return "sha256:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(line));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from the JDK", e);
    }
  }
}
