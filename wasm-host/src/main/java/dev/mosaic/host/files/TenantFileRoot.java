package dev.mosaic.host.files;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.util.HashSet;
import java.util.Set;

/**
 * The one confinement of a tenant's file root, used by the {@code files_*} host functions and by
 * WASI alike. A path is located by its real path (every symbolic link resolved) and refused unless
 * that lies inside the root; policy decisions are made on the real path's guest form, so a link
 * inside a granted directory cannot lead to a file that is not granted. Files are opened at the
 * real path that was checked, with {@link LinkOption#NOFOLLOW_LINKS}, so a link put in its place
 * after the check fails the open instead of being followed. Only regular files are opened: the type
 * is read without following links before opening, and FIFOs, devices and sockets are refused
 * (opening a FIFO would block the calling thread until a writer appears), as are directories.
 *
 * <p>This follows wasmtime's WASI (cap-std): a path resolves to a location under the pre-opened
 * root or fails, links included. Java has no {@code openat}, so the check and the open are two
 * system calls; what lies between them is an intermediate directory replaced by a host process
 * (guests cannot create links or special files), see SECURITY.md.
 */
public final class TenantFileRoot {
  /** Why a path was refused. */
  enum Refusal {
    /** It leads outside the root. */
    OUTSIDE,
    /** It is not a regular file: a FIFO, device or socket. */
    SPECIAL,
    /** It is a directory where a file was expected. */
    DIRECTORY,
    /** It does not exist, or is a link that leads nowhere. */
    MISSING
  }

  /** A refused path; the guest gets an error code or errno, never the host path. */
  static final class RefusedException extends IOException {
    private static final long serialVersionUID = 1L;
    final transient Refusal refusal;

    RefusedException(Refusal refusal, String guest) {
      super(guest + ": " + refusal.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
      this.refusal = refusal;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
      return this;
    }
  }

  /**
   * A located path.
   *
   * @param guest the real path as the guest names it, {@code /} first
   * @param host the real host path
   * @param attributes its attributes read without following links, {@code null} when it does not
   *     exist
   */
  record Entry(String guest, Path host, BasicFileAttributes attributes) {
    boolean exists() {
      return attributes != null;
    }

    boolean isDirectory() {
      return attributes != null && attributes.isDirectory();
    }

    boolean isSpecial() {
      return attributes != null && !attributes.isRegularFile() && !attributes.isDirectory();
    }
  }

  private final Path configured;

  /**
   * @param configured the tenant's file root as configured; its real path is taken on every use, so
   *     a root created after the host started is found
   */
  public TenantFileRoot(Path configured) {
    this.configured = configured;
  }

  /** The real path of the root. */
  Path root() throws IOException {
    return configured.toRealPath();
  }

  /** Locates a normalized guest path ({@link FilesCapability#normalize}). */
  Entry locate(String guestPath) throws IOException {
    return locateHost(root().resolve(guestPath.substring(1)), true);
  }

  /**
   * Locates a host path. With {@code followLeaf} a link at the end is resolved like every other;
   * without it the link itself is the entry (to delete a link, not its target).
   */
  Entry locateHost(Path path, boolean followLeaf) throws IOException {
    Path root = root();
    Path absolute = path.toAbsolutePath().normalize();
    if (!absolute.startsWith(root)) {
      throw new RefusedException(Refusal.OUTSIDE, "/");
    }
    Path real;
    BasicFileAttributes leaf = attributes(absolute);
    if (leaf != null && (followLeaf || !leaf.isSymbolicLink())) {
      try {
        real = absolute.toRealPath();
      } catch (NoSuchFileException e) {
        throw new RefusedException(Refusal.MISSING, guestOf(root, absolute));
      }
    } else {
      Path parent = absolute.getParent();
      if (parent == null || absolute.equals(root)) {
        real = absolute;
      } else {
        try {
          real = parent.toRealPath().resolve(absolute.getFileName());
        } catch (NoSuchFileException e) {
          throw new RefusedException(Refusal.MISSING, guestOf(root, absolute));
        }
      }
    }
    if (!real.startsWith(root)) {
      throw new RefusedException(Refusal.OUTSIDE, "/");
    }
    return new Entry(guestOf(root, real), real, attributes(real));
  }

  /**
   * Opens a located regular file (or creates it, when {@code options} say so) at the checked path
   * without following links.
   */
  SeekableByteChannel open(
      Entry entry, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
      throws IOException {
    requireFile(entry);
    Set<OpenOption> opts = new HashSet<>(options);
    opts.add(LinkOption.NOFOLLOW_LINKS);
    return Files.newByteChannel(entry.host(), opts, attrs);
  }

  /** Refuses a directory or special file where a regular file is needed. */
  static void requireFile(Entry entry) throws RefusedException {
    if (entry.isSpecial()) {
      throw new RefusedException(Refusal.SPECIAL, entry.guest());
    }
    if (entry.isDirectory()) {
      throw new RefusedException(Refusal.DIRECTORY, entry.guest());
    }
  }

  private static String guestOf(Path root, Path real) {
    StringBuilder guest = new StringBuilder();
    for (Path part : root.relativize(real)) {
      if (!part.toString().isEmpty()) {
        guest.append('/').append(part);
      }
    }
    return guest.isEmpty() ? "/" : guest.toString();
  }

  private static BasicFileAttributes attributes(Path path) throws IOException {
    try {
      return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return null;
    }
  }
}
