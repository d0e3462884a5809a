package dev.mosaic.host.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Reads a log backwards from its end, a bounded buffer at a time, never the whole file. */
final class LogTail {
  private static final int CHUNK = 8192;

  private LogTail() {}

  /**
   * Where the line that ends at {@code end} starts: just after the newline before it, or 0. {@code
   * end} is the position after the line's last byte (its newline excluded).
   */
  static long lineStart(FileChannel channel, long end) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
    long position = end;
    while (position > 0) {
      if (end - position > JsonLinesAuditLog.MAX_LINE) {
        throw new IllegalStateException(
            "a line of audit log is longer than " + JsonLinesAuditLog.MAX_LINE + " bytes");
      }
      int n = (int) Math.min(CHUNK, position);
      buffer.clear().limit(n);
      long from = position - n;
      while (buffer.hasRemaining()) {
        if (channel.read(buffer, from + buffer.position()) < 0) {
          throw new IOException("audit log shrank while being read");
        }
      }
      for (int i = n - 1; i >= 0; i--) {
        if (buffer.get(i) == '\n') {
          return from + i + 1;
        }
      }
      position = from;
    }
    return 0;
  }

  /** The bytes of the last line of a log that ends with a newline at {@code end - 1}. */
  static byte[] lastLine(FileChannel channel, long end) throws IOException {
    return line(channel, lineStart(channel, end - 1), end - 1);
  }

  /** The last seal line before {@code end}, or {@code null}: a slow path, lines one by one. */
  static AuditLine lastSeal(FileChannel channel, long end) throws IOException {
    long lineEnd = end - 1;
    String[] problem = new String[1];
    while (lineEnd >= 0) {
      long start = lineStart(channel, lineEnd);
      byte[] bytes = line(channel, start, lineEnd);
      AuditLine line = AuditLine.parse(bytes, 0, bytes.length, problem);
      if (line != null && line.isSeal()) {
        return line;
      }
      lineEnd = start - 1;
    }
    return null;
  }

  /** The number of newlines before {@code end}, read forwards a chunk at a time. */
  static long countLines(FileChannel channel, long end) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    long count = 0;
    long position = 0;
    while (position < end) {
      buffer.clear().limit((int) Math.min(buffer.capacity(), end - position));
      int n = channel.read(buffer, position);
      if (n < 0) {
        throw new IOException("audit log shrank while being read");
      }
      for (int i = 0; i < n; i++) {
        if (buffer.get(i) == '\n') {
          count++;
        }
      }
      position += n;
    }
    return count;
  }

  private static byte[] line(FileChannel channel, long start, long end) throws IOException {
    ByteBuffer bytes = ByteBuffer.allocate((int) (end - start));
    while (bytes.hasRemaining()) {
      if (channel.read(bytes, start + bytes.position()) < 0) {
        throw new IOException("audit log shrank while being read");
      }
    }
    return bytes.array();
  }
}
