package dev.mosaic.host.audit;

import java.nio.charset.StandardCharsets;

/**
 * Reads the chain fields of a line in the exact shape {@link AuditLine#encode} writes, which ends
 * in {@code ,"seq":N,"prev_hash":"sha256:<64 hex>"}}, without parsing the JSON before them. What
 * does not have this shape is left to the full parser.
 */
final class FastLine {
  private static final byte[] PREV = ",\"prev_hash\":\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SEQ = ",\"seq\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] START = "{\"timestamp\":\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SEAL = "audit_seal".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  /** Length of {@code "sha256:" + 64 hex digits}. */
  private static final int HASH = 71;

  private FastLine() {}

  /** The line's {@code seq}, or -1 when it does not have the writer's shape. */
  static long seq(byte[] b, int off, int len) {
    int tail = PREV.length + HASH + 2;
    if (len < START.length + SEQ.length + 1 + tail
        || !startsWith(b, off, START)
        || b[off + len - 1] != '}'
        || b[off + len - 2] != '"'
        || !startsWith(b, off + len - tail, PREV)) {
      return -1;
    }
    int end = off + len - tail;
    int i = end - 1;
    long seq = 0;
    long scale = 1;
    int digits = 0;
    while (i > off && b[i] >= '0' && b[i] <= '9') {
      if (++digits > 18) {
        return -1;
      }
      seq += (b[i] - '0') * scale;
      scale *= 10;
      i--;
    }
    if (digits == 0 || i - SEQ.length + 1 < off || !startsWith(b, i - SEQ.length + 1, SEQ)) {
      return -1;
    }
    return seq;
  }

  /** Whether {@code prev_hash} of a line of the writer's shape is {@code expected}. */
  static boolean prevHashIs(byte[] b, int off, int len, byte[] expected) {
    int start = off + len - 2 - HASH;
    for (int i = 0; i < HASH; i++) {
      if (b[start + i] != expected[i]) {
        return false;
      }
    }
    return true;
  }

  /** Whether the line mentions a seal anywhere: then it is parsed in full. */
  static boolean mayBeSeal(byte[] b, int off, int len) {
    outer:
    for (int i = off; i <= off + len - SEAL.length; i++) {
      for (int j = 0; j < SEAL.length; j++) {
        if (b[i + j] != SEAL[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  /** Writes {@code "sha256:" + hex(digest)} into {@code out}. */
  static void hex(byte[] digest, byte[] out) {
    int o = 7;
    for (byte d : digest) {
      out[o++] = HEX[(d >> 4) & 0xF];
      out[o++] = HEX[d & 0xF];
    }
  }

  private static boolean startsWith(byte[] b, int at, byte[] prefix) {
    for (int i = 0; i < prefix.length; i++) {
      if (b[at + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
