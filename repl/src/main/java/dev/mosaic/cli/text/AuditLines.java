package dev.mosaic.cli.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** Reads the end of an audit log, for {@code mosaic audit tail} and the REPL's {@code :audit}. */
public final class AuditLines {
  private AuditLines() {}

  /** The last {@code n} lines of a file, oldest first, reading it once without keeping more. */
  public static List<String> last(Path log, int n) throws IOException {
    if (n <= 0) {
      return List.of();
    }
    Deque<String> last = new ArrayDeque<>(Math.min(n, 1024));
    try (BufferedReader in = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        if (last.size() == n) {
          last.removeFirst();
        }
        last.addLast(line);
      }
    }
    return new ArrayList<>(last);
  }
}
