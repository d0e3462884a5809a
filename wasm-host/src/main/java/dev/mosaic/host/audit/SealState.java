package dev.mosaic.host.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * A sealed log's writer state, kept beside the log in {@code <log>.seal}: the next epoch, its key
 * and the line of the last seal. Rewritten (new file, then an atomic rename) after every seal, so
 * the previous epoch's key is gone from the file; the verifier checks that its key is the one the
 * first key evolves to, and that the log holds every seal before that epoch.
 *
 * @param epoch the epoch the next seal will carry
 * @param key that epoch's key (32 bytes)
 * @param sealedSeq line number of the last seal, 0 before the first
 */
record SealState(long epoch, byte[] key, long sealedSeq) {
  private static final String MAGIC = "mosaic-audit-seal-state 1";

  static Path fileOf(Path log) {
    return log.resolveSibling(log.getFileName() + ".seal");
  }

  /** The state file's content, or {@code null} when there is none. */
  static SealState read(Path file) {
    List<String> lines;
    try {
      if (Files.size(file) > 4096) {
        throw new IllegalArgumentException("`" + file + "` is not an audit seal state");
      }
      lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read audit seal state " + file, e);
    }
    if (lines.size() != 4
        || !lines.get(0).equals(MAGIC)
        || !lines.get(1).matches("epoch [0-9]{1,18}")
        || !lines.get(2).matches("sealed [0-9]{1,18}")
        || !lines.get(3).matches("key [0-9a-f]{64}")) {
      throw new IllegalArgumentException("`" + file + "` is not an audit seal state");
    }
    return new SealState(
        Long.parseLong(lines.get(1).substring(6)),
        HexFormat.of().parseHex(lines.get(3).substring(4)),
        Long.parseLong(lines.get(2).substring(7)));
  }

  void write(Path file) {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    byte[] text =
        (MAGIC
                + "\nepoch "
                + epoch
                + "\nsealed "
                + sealedSeq
                + "\nkey "
                + HexFormat.of().formatHex(key)
                + "\n")
            .getBytes(StandardCharsets.US_ASCII);
    try {
      Files.deleteIfExists(tmp);
      Files.createFile(
          tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      try (var out = new java.io.FileOutputStream(tmp.toFile())) {
        out.write(text);
        out.getFD().sync();
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write audit seal state " + file, e);
    } finally {
      Arrays.fill(text, (byte) 0);
    }
  }

  void erase() {
    Arrays.fill(key, (byte) 0);
  }
}
