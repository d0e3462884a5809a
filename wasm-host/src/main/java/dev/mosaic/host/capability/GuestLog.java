package dev.mosaic.host.capability;

import dev.mosaic.host.HostLimits;
import java.nio.charset.StandardCharsets;

/**
 * What the {@code log} capability does with a guest's line: escapes it so that it stays one line
 * that cannot pass for the host's own output, and keeps each tenant within its lines and bytes per
 * second ({@link HostLimits#logLinesPerSecond()}, {@link HostLimits#logBytesPerSecond()}).
 */
public final class GuestLog {
  private final TokenBucket lines;
  private final TokenBucket bytes;
  private long windowStart = Long.MIN_VALUE;
  private long dropped;

  public GuestLog(HostLimits limits) {
    this.lines = new TokenBucket(limits.logLinesPerSecond(), limits.logLinesPerSecond());
    this.bytes =
        new TokenBucket(
            (int) Math.min(Integer.MAX_VALUE, limits.logBytesPerSecond()),
            limits.logBytesPerSecond());
  }

  /**
   * Whether a line of {@code length} bytes may be written now. A refusal returns the number of
   * lines dropped since the last report when a report is due (at most once a second), else 0; a
   * line that is written returns -1.
   */
  synchronized long admit(int length) {
    if (lines.tryTake(1) && bytes.tryTake(Math.max(length, 1))) {
      return -1;
    }
    dropped++;
    long now = System.nanoTime();
    if (windowStart == Long.MIN_VALUE || now - windowStart >= 1_000_000_000L) {
      windowStart = now;
      long report = dropped;
      dropped = 0;
      return report;
    }
    return 0;
  }

  /**
   * The text of a guest's line with every character that could end the line, move the cursor,
   * colour the terminal or reorder text escaped: C0 and C1 controls and DEL as {@code \xNN} ({@code
   * \n}, {@code \r}, {@code \t} by name), the line and paragraph separators and Unicode's bidi
   * controls as a backslash, {@code u} and the code point in braces, and the backslash itself
   * doubled, so the escaping can be undone. Malformed UTF-8 becomes U+FFFD.
   */
  static String escape(byte[] line) {
    String text = new String(line, StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder(text.length() + 16);
    text.codePoints()
        .forEach(
            c -> {
              switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                  if (c < 0x20 || (c >= 0x7f && c < 0xa0)) {
                    out.append(String.format("\\x%02x", c));
                  } else if (isLayoutControl(c)) {
                    out.append(String.format("\\u{%04x}", c));
                  } else {
                    out.appendCodePoint(c);
                  }
                }
              }
            });
    return out.toString();
  }

  /** Line separators and the characters that change the direction text is shown in. */
  private static boolean isLayoutControl(int c) {
    return c == 0x2028
        || c == 0x2029
        || c == 0x061c
        || c == 0x200e
        || c == 0x200f
        || (c >= 0x202a && c <= 0x202e)
        || (c >= 0x2066 && c <= 0x2069);
  }
}
