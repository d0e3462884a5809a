package dev.mosaic.host.files;

import dev.mosaic.host.Tenant;
import dev.mosaic.host.capability.CapabilityContext;
import dev.mosaic.plan.audit.AuditEvent;
import dev.mosaic.plan.rules.PolicyEngine;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AccessMode;
import java.nio.file.DirectoryStream;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.graalvm.polyglot.io.FileSystem;

/**
 * The file system GraalWasm's WASI sees for one component: the tenant's file root and nothing else,
 * with every access decided by the plan's {@code files} grants exactly as for the {@code files_*}
 * host functions, and every path located by the same {@link TenantFileRoot}. The guest path of a
 * host file is its real path under the root; reading a file, listing a directory, and reading a
 * path's attributes or checking access to it need a grant matching that path (the pre-opened
 * directories excepted), creating, truncating, appending to, deleting a file or making a directory
 * needs a grant matching {@code write:} + the path. GraalWasm opens files for reading and writing
 * whatever rights the guest asks for, so a file whose path is not granted for writing is opened
 * read-only and the guest's writes to it fail. Only regular files are opened, at the checked real
 * path without following links: a directory opened as a file, a FIFO, device or socket is refused.
 * A refusal is audited and reaches the guest as an errno.
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
  private final TenantFileRoot files;
  private final Set<String> preopened;
  private final Tenant tenant;
  private final String component;
  private final PolicyEngine policy;

  /**
   * @param files the tenant's file root
   * @param preopened the guest paths of the pre-opened directories
   */
  WasiFileSystem(
      TenantFileRoot files,
      Set<String> preopened,
      Tenant tenant,
      String component,
      PolicyEngine policy) {
    this.files = files;
    this.preopened = Set.copyOf(preopened);
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
    TenantFileRoot.Entry entry = locate(path, "path_access", follows(options));
    String guest = entry.guest();
    if (modes.contains(AccessMode.WRITE)) {
      require("path_access", guest, "write:" + guest);
    }
    if (modes.contains(AccessMode.READ) || modes.contains(AccessMode.EXECUTE)) {
      require("path_access", guest, guest);
    }
    if (modes.isEmpty() && !preopened.contains(guest) && !decide(guest)) {
      // Whether a path exists: any grant on it will do, so that a file can be created where
      // only writing is granted.
      require("path_access", guest, "write:" + guest);
    }
    delegate.checkAccess(entry.host(), modes, LinkOption.NOFOLLOW_LINKS);
  }

  @Override
  public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
    TenantFileRoot.Entry entry = locate(dir, "path_create_directory", false);
    require("path_create_directory", entry.guest(), "write:" + entry.guest());
    delegate.createDirectory(entry.host(), attrs);
  }

  @Override
  public void delete(Path path) throws IOException {
    TenantFileRoot.Entry entry = locate(path, "path_unlink", false);
    require("path_unlink", entry.guest(), "write:" + entry.guest());
    delegate.delete(entry.host());
  }

  @Override
  public SeekableByteChannel newByteChannel(
      Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs) throws IOException {
    TenantFileRoot.Entry entry = locate(path, "path_open", true);
    String guest = entry.guest();
    boolean mutates = options.stream().anyMatch(MUTATING::contains);
    boolean read = decide(guest);
    boolean write = decide("write:" + guest);
    if (mutates) {
      require("path_open", guest, "write:" + guest);
    } else if (!read && !(write && options.contains(StandardOpenOption.WRITE))) {
      require("path_open", guest, guest);
    }
    try {
      TenantFileRoot.requireFile(entry);
    } catch (TenantFileRoot.RefusedException e) {
      tenant.metrics.capability("files", false);
      audit("path_open", guest, "refused: " + e.refusal.name().toLowerCase(Locale.ROOT));
      throw new AccessDeniedException(guest, null, e.getMessage());
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
    SeekableByteChannel channel = files.open(entry, granted, attrs);
    return writing ? channel : new ReadOnlyChannel(channel, guest);
  }

  @Override
  public DirectoryStream<Path> newDirectoryStream(
      Path dir, DirectoryStream.Filter<? super Path> filter) throws IOException {
    TenantFileRoot.Entry entry = locate(dir, "fd_readdir", true);
    require("fd_readdir", entry.guest(), entry.guest());
    granted("fd_readdir", entry.guest(), "list");
    return delegate.newDirectoryStream(entry.host(), filter);
  }

  @Override
  public Path toAbsolutePath(Path path) {
    return delegate.toAbsolutePath(path);
  }

  @Override
  public Path toRealPath(Path path, LinkOption... options) throws IOException {
    TenantFileRoot.Entry entry = locate(path, "path_resolve", follows(options));
    if (!entry.exists()) {
      throw new NoSuchFileException(entry.guest());
    }
    return entry.host();
  }

  @Override
  public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options)
      throws IOException {
    TenantFileRoot.Entry entry = locate(path, "path_filestat_get", follows(options));
    if (!preopened.contains(entry.guest())) {
      require("path_filestat_get", entry.guest(), entry.guest());
    }
    return delegate.readAttributes(entry.host(), attributes, LinkOption.NOFOLLOW_LINKS);
  }

  private static boolean follows(LinkOption... options) {
    return !Arrays.asList(options).contains(LinkOption.NOFOLLOW_LINKS);
  }

  /**
   * Locates a host path in the root.
   *
   * @throws AccessDeniedException when the path leads outside the root, audited
   */
  private TenantFileRoot.Entry locate(Path path, String function, boolean followLeaf)
      throws IOException {
    try {
      return files.locateHost(delegate.toAbsolutePath(path), followLeaf);
    } catch (TenantFileRoot.RefusedException e) {
      if (e.refusal == TenantFileRoot.Refusal.MISSING) {
        throw new NoSuchFileException(e.getMessage());
      }
      tenant.metrics.capability("files", false);
      audit(function, "outside the file root", "denied");
      throw new AccessDeniedException(path.getFileName() == null ? "/" : "" + path.getFileName());
    }
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
