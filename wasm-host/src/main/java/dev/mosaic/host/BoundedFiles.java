package dev.mosaic.host;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;

/**
 * File copies of host calls in chunks, with a look at the call's deadline before each, so a large
 * or slow file ends the call near its limit instead of long after it.
 */
final class BoundedFiles {
  private BoundedFiles() {}

  /**
   * The file's bytes, or {@code null} when it holds more than {@code max} (also when it grows past
   * {@code max} while being read).
   *
   * @throws CallTimedOut when the deadline passes
   */
  static byte[] read(Path file, long max, Deadline deadline) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] chunk = new byte[Guest.CHUNK];
      while (true) {
        deadline.check();
        int n = in.read(chunk);
        if (n < 0) {
          return out.toByteArray();
        }
        if (out.size() + (long) n > max) {
          return null;
        }
        out.write(chunk, 0, n);
      }
    }
  }

  /**
   * Writes {@code data} to {@code file}, opened with {@code options}.
   *
   * @throws CallTimedOut when the deadline passes
   */
  static void write(Path file, byte[] data, Deadline deadline, OpenOption... options)
      throws IOException {
    try (OutputStream out = Files.newOutputStream(file, options)) {
      for (int done = 0; done < data.length; done += Guest.CHUNK) {
        deadline.check();
        out.write(data, done, Math.min(Guest.CHUNK, data.length - done));
      }
    }
  }
}
