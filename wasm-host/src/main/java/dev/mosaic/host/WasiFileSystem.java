package dev.mosaic.host;

import dev.mosaic.plan.PolicyEngine;
import dev.mosaic.plan.audit.AuditEvent;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AccessMode;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.graalvm.polyglot.io.FileSystem;

/**
 * The file system GraalWasm's WASI sees for one component: the tenant's file root and nothing else,
 * with every access decided by the plan's {@code files} grants exactly as for the {@code files_*}
 * host functions. The guest path of a host file is its path under the root; reading a file or
 * listing a directory needs a grant matching that path, creating, truncating, appending to,
 * deleting a file or making a directory needs a grant matching {@code write:} + the path. GraalWasm
 * opens files for reading and writing whatever rights the guest asks for, so a file whose path is
 * not granted for writing is opened read-only and the guest's writes to it fail. Paths are resolved
 * through symbolic links before the check, so a link cannot lead out of the root or into a
 * directory that is not granted. A refusal is audited and reaches the guest as an errno.
 */
final class WasiFileSystem implements FileSystem {
  private static final Set<OpenOption> MUTATING =
      Set.of(
          StandardOpenOption.APPEND,
          StandardOpenOption.CREATE,
          StandardOpenOption.CREATE_NEW,
          StandardOpenOption.TRUNCATE_EXISTING,
          StandardOpenOption.DELETE_ON_CLOSE);

  private final FileSystem delegate = FileSystem.newDefaultFileSystem();
  private final Path root;
  private final Tenant tenant;
  private final String component;
  private final PolicyEngine policy;

  /**
   * @param root the real path of the tenant's file root
   */
  WasiFileSystem(Path root, Tenant tenant, String component, PolicyEngine policy) {
    this.root = root;
    this.tenant = tenant;
    this.component = component;
    this.policy = policy;
  }

  @Override
  public Path parsePath(URI uri) {
    return delegate.parsePath(uri);
  }

  @Override
  public Path parsePath(String path) {
    return delegate.parsePath(path);
  }

  @Override
  public void checkAccess(Path path, Set<? extends AccessMode> modes, LinkOption... options)
      throws IOException {
    String guest = guestPath(path, "path_access");
    if (modes.contains(AccessMode.WRITE) && !decide("write:" + guest)) {
      throw new AccessDeniedException(guest);
    }
    delegate.checkAccess(path, modes, options);
  }

  @Override
  public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
    String guest = guestPath(dir, "path_create_directory");
    require("path_create_directory", guest, "write:" + guest);
    delegate.createDirectory(dir, attrs);
  }

  @Override
  public void delete(Path path) throws IOException {
    String guest = guestPath(path, "path_unlink");
    require("path_unlink", guest, "write:" + guest);
    delegate.delete(path);
  }

  @Override
  public SeekableByteChannel newByteChannel(
      Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs) throws IOException {
    String guest = guestPath(path, "path_open");
    boolean mutates = options.stream().anyMatch(MUTATING::contains);
    boolean read = decide(guest);
    boolean write = decide("write:" + guest);
    if (mutates) {
      require("path_open", guest, "write:" + guest);
    } else if (!read && !(write && options.contains(StandardOpenOption.WRITE))) {
      require("path_open", guest, guest);
    }
    Set<OpenOption> granted = new HashSet<>(options);
    if (!write) {
      granted.remove(StandardOpenOption.WRITE);
      granted.add(StandardOpenOption.READ);
    } else if (!read) {
      granted.remove(StandardOpenOption.READ);
    }
    boolean writing = granted.contains(StandardOpenOption.WRITE) || mutates;
    granted(
        "path_open",
        guest,
        writing && granted.contains(StandardOpenOption.READ)
            ? "read-write"
            : writing ? "write" : "read");
    SeekableByteChannel channel = delegate.newByteChannel(path, granted, attrs);
    return writing ? channel : new ReadOnlyChannel(channel, guest);
  }

  @Override
  public DirectoryStream<Path> newDirectoryStream(
      Path dir, DirectoryStream.Filter<? super Path> filter) throws IOException {
    String guest = guestPath(dir, "fd_readdir");
    require("fd_readdir", guest, guest);
    granted("fd_readdir", guest, "list");
    return delegate.newDirectoryStream(dir, filter);
  }

  @Override
  public Path toAbsolutePath(Path path) {
    return delegate.toAbsolutePath(path);
  }

  @Override
  public Path toRealPath(Path path, LinkOption... options) throws IOException {
    guestPath(path, "path_resolve");
    Path real = delegate.toRealPath(path, options);
    guestPath(real, "path_resolve");
    return real;
  }

  @Override
  public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options)
      throws IOException {
    guestPath(path, "path_filestat_get");
    return delegate.readAttributes(path, attributes, options);
  }

  /**
   * The guest path of a host path: its real location (the real parent for a file that does not
   * exist yet) relative to the root, with a leading {@code /}.
   *
   * @throws AccessDeniedException when the path lies outside the root, audited
   */
  private String guestPath(Path path, String function) throws IOException {
    Path absolute = delegate.toAbsolutePath(path).normalize();
    Path real;
    if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
      real = absolute.toRealPath();
    } else {
      Path parent = absolute.getParent();
      real =
          parent != null && Files.exists(parent)
              ? parent.toRealPath().resolve(absolute.getFileName())
              : absolute;
    }
    if (!real.startsWith(root)) {
      audit(function, "outside the file root", "denied");
      throw new AccessDeniedException(path.getFileName() == null ? "/" : "" + path.getFileName());
    }
    StringBuilder guest = new StringBuilder();
    for (Path part : root.relativize(real)) {
      if (!part.toString().isEmpty()) {
        guest.append('/').append(part);
      }
    }
    return guest.isEmpty() ? "/" : guest.toString();
  }

  private boolean decide(String parameter) {
    return policy.decide(component, "files", parameter).allowed();
  }

  /** Checks a grant; a denial is counted and audited. */
  private void require(String function, String guest, String parameter)
      throws AccessDeniedException {
    if (!decide(parameter)) {
      tenant.metrics.capability("files", false);
      audit(function, parameter.startsWith("write:") ? "write:" + guest : guest, "denied");
      throw new AccessDeniedException(guest);
    }
  }

  /** Counts and audits an access that goes ahead. */
  private void granted(String function, String guest, String mode) {
    tenant.metrics.capability("files", true);
    Map<String, String> details = new LinkedHashMap<>();
    details.put("capability", "files");
    details.put("function", "wasi." + function);
    details.put("path", CapabilityContext.clip(guest));
    details.put("mode", mode);
    details.put("result", "granted");
    tenant.audit(AuditEvent.CAPABILITY, component, details);
  }

  private void audit(String function, String path, String result) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("capability", "files");
    details.put("function", "wasi." + function);
    details.put("path", CapabilityContext.clip(path));
    details.put("result", result);
    tenant.audit(AuditEvent.CAPABILITY, component, details);
  }

  /**
   * A channel opened without write access. A write through it fails with an {@link IOException},
   * which the guest sees as an errno, rather than the unchecked exception of the JDK's channel.
   */
  private static final class ReadOnlyChannel implements SeekableByteChannel {
    private final SeekableByteChannel channel;
    private final String guest;

    ReadOnlyChannel(SeekableByteChannel channel, String guest) {
      this.channel = channel;
      this.guest = guest;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
      return channel.read(dst);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
      throw new AccessDeniedException(guest, null, "not granted for writing");
    }

    @Override
    public long position() throws IOException {
      return channel.position();
    }

    @Override
    public SeekableByteChannel position(long newPosition) throws IOException {
      channel.position(newPosition);
      return this;
    }

    @Override
    public long size() throws IOException {
      return channel.size();
    }

    @Override
    public SeekableByteChannel truncate(long size) throws IOException {
      throw new AccessDeniedException(guest, null, "not granted for writing");
    }

    @Override
    public boolean isOpen() {
      return channel.isOpen();
    }

    @Override
    public void close() throws IOException {
      channel.close();
    }
  }
}
