package dev.mosaic.plan.io;

import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.diag.Diagnostic;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The one way Mosaic reads a file it is given: scripts, loaded scripts, component modules, keys,
 * signatures, plans, configuration and argument files.
 *
 * <p>Only regular files are read. A device ({@code /dev/zero}, {@code /dev/stdin}), a FIFO, a
 * socket or a directory is refused from its attributes, before it is opened, so neither an endless
 * stream nor a FIFO that never gets a writer can stall or exhaust the process. A regular file is
 * read up to its limit plus one byte, whatever size the file system reports ({@code /proc} files
 * report 0), so a file that grows while it is read cannot exceed the limit either.
 */
public final class InputFiles {
  /** Reading a file failed for a reason other than the ones below (permissions, i/o error). */
  public static final String UNREADABLE = "E0002";

  /** The path names a directory, device, FIFO or socket, not a regular file. */
  public static final String NOT_REGULAR = "E0012";

  /** A file is larger than the limit for its kind, when no more specific code applies. */
  public static final String TOO_LARGE = "E0013";

  /** The file does not exist. */
  public static final String MISSING = "E4002";

  /** Limit for small files: keys, signatures, certificates, configuration, argument files. */
  public static final int SMALL_FILE_BYTES = 1 << 20;

  private InputFiles() {}

  /**
   * Reads a regular file of at most {@code maxBytes} bytes.
   *
   * @param what how the file is named in messages, e.g. {@code key file `cosign.pub`}
   * @param tooLargeCode the code reported when the file is larger than {@code maxBytes}
   * @throws MosaicException E4002 when it does not exist, E0012 when it is not a regular file,
   *     {@code tooLargeCode} when it is too large, E0002 when it cannot be read
   */
  public static byte[] read(Path file, long maxBytes, String tooLargeCode, String what) {
    checkRegular(file, what);
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
      if (bytes.length > maxBytes) {
        throw new MosaicException(
            Diagnostic.of(tooLargeCode, what + " is larger than " + maxBytes + " bytes")
                .withHelp("a file of this kind may hold at most " + maxBytes + " bytes"));
      }
      return bytes;
    } catch (IOException e) {
      throw failure(e, what);
    }
  }

  /**
   * Refuses anything but an existing regular file, from its attributes (symbolic links followed),
   * without opening it.
   */
  public static void checkRegular(Path file, String what) {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (IOException e) {
      throw failure(e, what);
    }
    if (!attributes.isRegularFile()) {
      throw new MosaicException(
          Diagnostic.of(NOT_REGULAR, what + " is " + kind(file, attributes) + ", not a file")
              .withHelp(
                  "name a regular file; devices, FIFOs, sockets and directories are refused"));
    }
  }

  private static MosaicException failure(IOException e, String what) {
    if (e instanceof NoSuchFileException) {
      return new MosaicException(MISSING, what + " does not exist");
    }
    if (e instanceof AccessDeniedException) {
      return new MosaicException(UNREADABLE, "cannot read " + what + ": permission denied");
    }
    return new MosaicException(
        UNREADABLE, "cannot read " + what + ": " + e.getClass().getSimpleName());
  }

  private static String kind(Path file, BasicFileAttributes attributes) {
    if (attributes.isDirectory()) {
      return "a directory";
    }
    try {
      // The file type bits of st_mode; only on file systems with a "unix" attribute view.
      int type = ((Integer) Files.getAttribute(file, "unix:mode")) & 0170000;
      return switch (type) {
        case 0010000 -> "a FIFO";
        case 0020000 -> "a character device";
        case 0060000 -> "a block device";
        case 0140000 -> "a socket";
        default -> "a special file";
      };
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "a special file";
    }
  }
}
