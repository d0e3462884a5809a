package dev.mosaic.host.files;

import dev.mosaic.host.capability.CapabilityContext;
import dev.mosaic.host.component.ResourceType;
import dev.mosaic.host.component.ResourceValue;
import dev.mosaic.host.component.WitResult;
import dev.mosaic.host.component.abi.Destructor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code wasi:filesystem/types} and {@code preopens} (0.2) for one component, on the tenant's file
 * root and the plan's {@code files} grants as the {@code files_*} host functions and core WASI have
 * them. {@code get-directories} gives the root as {@code /}. A descriptor is an owned resource in
 * the component's handle table that names a real guest path; every path a component passes is
 * joined to its descriptor's path, refused when absolute or when {@code ..} climbs above the root
 * ({@code not-permitted}), and located by {@link TenantFileRoot} (real path inside the root, no
 * links followed when opening, FIFOs, devices and sockets never opened: {@code access}). Opening a
 * file for reading needs a grant on its path, for writing, creating or truncating a grant on {@code
 * write:} + its path; listing a directory or reading the attributes of a path under it needs a
 * grant on that path (the root's own attributes excepted); making or removing a directory or file
 * needs {@code write:} + its path. The decision and its path are audited naming the WIT interface
 * and function. Reads return at most {@link #MAX_READ} bytes a call, reading and writing look at
 * the call's deadline every 64 KiB, and a directory is listed one entry per call, so a huge
 * directory costs the guest calls its deadline bounds. Failures are {@code error-code} cases, never
 * traps; functions not implemented return {@code unsupported}.
 */
public final class ComponentFiles {
  /** Most bytes one {@code read} returns. */
  static final int MAX_READ = 1 << 20;

  /** Bytes read or written between two looks at the call's deadline. */
  private static final int CHUNK = 64 * 1024;

  /** Most descriptors a component holds at once (a descriptor holds no host file open). */
  static final int MAX_OPEN = 1024;

  /** Most directory listings a component holds open at once (each holds a host directory). */
  static final int MAX_LISTINGS = 16;

  private static final String TYPES = "wasi:filesystem/types";

  private final CapabilityContext ctx;
  private final String version;
  private final Map<Integer, Descriptor> descriptors = new HashMap<>();
  private final Map<Integer, Listing> listings = new HashMap<>();
  private int next = 1;

  /** An open descriptor: the real guest path it names and what it may do. */
  private record Descriptor(String guest, boolean directory, boolean read, boolean write) {}

  /** A directory being listed. */
  private record Listing(DirectoryStream<Path> stream, Iterator<Path> entries) {}

  /** A refusal that is an {@code error-code} for the guest. */
  private static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;
    final String code;

    Refused(String code) {
      super(code, null, false, false);
      this.code = code;
    }
  }

  /**
   * @param ctx the component's capabilities
   * @param version the WASI version it imports, e.g. {@code 0.2.0} (for the audit)
   */
  public ComponentFiles(CapabilityContext ctx, String version) {
    this.ctx = ctx;
    this.version = version;
  }

  /** The destructor of descriptors: forgets the descriptor. */
  public Destructor descriptorDestructor() {
    return rep -> {
      synchronized (this) {
        descriptors.remove(rep);
      }
    };
  }

  /** The destructor of directory-entry streams: closes the listing. */
  public Destructor listingDestructor() {
    return rep -> {
      Listing l;
      synchronized (this) {
        l = listings.remove(rep);
      }
      close(l);
    };
  }

  /** Closes every listing still open (the composition ends). */
  public void close() {
    List<Listing> open;
    synchronized (this) {
      open = new ArrayList<>(listings.values());
      listings.clear();
      descriptors.clear();
    }
    for (Listing l : open) {
      close(l);
    }
  }

  private static void close(Listing l) {
    if (l != null) {
      try {
        l.stream().close();
      } catch (IOException e) {
        // Nothing was written through a listing; closing it cannot lose data.
      }
    }
  }

  /** The body of {@code wasi:filesystem/preopens#get-directories}. */
  public Object getDirectories(ResourceType descriptor) {
    if (ctx.tenant.files == null) {
      return List.of();
    }
    int rep;
    try {
      rep = add(new Descriptor("/", true, true, false));
    } catch (Refused r) {
      return List.of();
    }
    return List.of(List.of(ResourceValue.hostOwned(descriptor, rep, null), "/"));
  }

  /**
   * The bodies of the functions of {@code wasi:filesystem/types} this host implements, by name.
   *
   * @param descriptor the component's {@code descriptor} type
   * @param listing its {@code directory-entry-stream} type, or null when it does not import it
   */
  public Map<String, Function<List<?>, Object>> types(
      ResourceType descriptor, ResourceType listing) {
    Map<String, Function<List<?>, Object>> f = new LinkedHashMap<>();
    f.put("[method]descriptor.get-type", a -> result(() -> typeOf(self(a))));
    f.put("[method]descriptor.stat", a -> result(() -> stat(self(a))));
    f.put(
        "[method]descriptor.stat-at",
        a -> result(() -> statAt(self(a), follows(a.get(1)), (String) a.get(2))));
    f.put(
        "[method]descriptor.open-at",
        a ->
            result(
                () ->
                    ResourceValue.hostOwned(
                        descriptor,
                        openAt(
                            self(a),
                            follows(a.get(1)),
                            (String) a.get(2),
                            (Set<?>) a.get(3),
                            (Set<?>) a.get(4)),
                        null)));
    f.put(
        "[method]descriptor.read",
        a -> result(() -> read(self(a), (Long) a.get(1), (Long) a.get(2))));
    f.put(
        "[method]descriptor.write",
        a -> result(() -> write(self(a), (List<?>) a.get(1), (Long) a.get(2))));
    f.put(
        "[method]descriptor.create-directory-at",
        a -> result(() -> mutate(self(a), (String) a.get(1), Mutation.MKDIR)));
    f.put(
        "[method]descriptor.remove-directory-at",
        a -> result(() -> mutate(self(a), (String) a.get(1), Mutation.RMDIR)));
    f.put(
        "[method]descriptor.unlink-file-at",
        a -> result(() -> mutate(self(a), (String) a.get(1), Mutation.UNLINK)));
    f.put(
        "[method]descriptor.metadata-hash",
        a -> result(() -> hash(attributes(self(a), "[method]descriptor.metadata-hash"))));
    f.put(
        "[method]descriptor.metadata-hash-at",
        a ->
            result(
                () -> {
                  TenantFileRoot.Entry e = at(self(a), (String) a.get(2), follows(a.get(1)));
                  require("[method]descriptor.metadata-hash-at", e.guest());
                  return hash(e);
                }));
    f.put(
        "[method]descriptor.get-flags",
        a ->
            result(
                () -> {
                  Descriptor d = self(a);
                  Set<String> flags = new java.util.HashSet<>();
                  if (d.read()) {
                    flags.add("read");
                  }
                  if (d.write()) {
                    flags.add("write");
                  }
                  return flags;
                }));
    if (listing != null) {
      f.put(
          "[method]descriptor.read-directory",
          a -> result(() -> ResourceValue.hostOwned(listing, list(self(a)), null)));
      f.put(
          "[method]directory-entry-stream.read-directory-entry",
          a -> result(() -> nextEntry((ResourceValue) a.getFirst())));
    }
    f.put(
        "[method]descriptor.is-same-object",
        a -> {
          synchronized (this) {
            Descriptor x = descriptors.get(((ResourceValue) a.get(0)).rep());
            Descriptor y = descriptors.get(((ResourceValue) a.get(1)).rep());
            return x != null && y != null && x.guest().equals(y.guest());
          }
        });
    f.put("filesystem-error-code", a -> Optional.empty());
    return f;
  }

  /** The result of a function this host does not implement. */
  public static Object unsupported() {
    return new WitResult.Err("unsupported");
  }

  private interface Body {
    Object run() throws Refused, IOException;
  }

  private static Object result(Body body) {
    try {
      return new WitResult.Ok(body.run());
    } catch (Refused r) {
      return new WitResult.Err(r.code);
    } catch (IOException e) {
      return new WitResult.Err(code(e));
    }
  }

  private static String code(IOException e) {
    return switch (e) {
      case NoSuchFileException n -> "no-entry";
      case FileAlreadyExistsException x -> "exist";
      case DirectoryNotEmptyException n -> "not-empty";
      case NotDirectoryException n -> "not-directory";
      case AccessDeniedException d -> "access";
      case TenantFileRoot.RefusedException r ->
          switch (r.refusal) {
            case OUTSIDE -> "not-permitted";
            case SPECIAL -> "access";
            case DIRECTORY -> "is-directory";
            case MISSING -> "no-entry";
          };
      default -> "io";
    };
  }

  private static boolean follows(Object pathFlags) {
    return pathFlags instanceof Set<?> s && s.contains("symlink-follow");
  }

  private synchronized Descriptor self(List<?> args) throws Refused {
    ResourceValue r = (ResourceValue) args.getFirst();
    Descriptor d = descriptors.get(r.rep());
    if (d == null) {
      throw new Refused("bad-descriptor");
    }
    return d;
  }

  private synchronized int add(Descriptor d) throws Refused {
    if (descriptors.size() >= MAX_OPEN) {
      throw new Refused("insufficient-memory");
    }
    int rep = next++;
    descriptors.put(rep, d);
    return rep;
  }

  private String function(String name) {
    return TYPES + "@" + version + "#" + name;
  }

  /** Checks a grant, audited with the function and path; a denial is {@code access}. */
  private void require(String function, String parameter) throws Refused {
    if (!ctx.allowed("files", function(function), parameter, true)) {
      throw new Refused("access");
    }
  }

  /** The guest path {@code path} names relative to {@code base}, normalized. */
  private String join(Descriptor base, String path) throws Refused {
    if (!base.directory()) {
      throw new Refused("not-directory");
    }
    if (path.startsWith("/")) {
      throw new Refused("not-permitted");
    }
    if (path.indexOf('\0') >= 0 || path.indexOf('\\') >= 0) {
      throw new Refused("invalid");
    }
    List<String> parts = new ArrayList<>();
    for (String part : (base.guest() + "/" + path).split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (parts.isEmpty()) {
          audit("outside the file root");
          throw new Refused("not-permitted");
        }
        parts.removeLast();
      } else {
        parts.add(part);
      }
    }
    return "/" + String.join("/", parts);
  }

  private TenantFileRoot files() throws Refused {
    if (ctx.tenant.files == null) {
      throw new Refused("no-entry");
    }
    return ctx.tenant.files;
  }

  /** Locates a descriptor's path, or a path under it when {@code path} is not null. */
  private TenantFileRoot.Entry at(Descriptor base, String path, boolean follow)
      throws Refused, IOException {
    String guest = path == null ? base.guest() : join(base, path);
    TenantFileRoot files = files();
    try {
      return files.locateHost(files.root().resolve(guest.substring(1)), follow);
    } catch (TenantFileRoot.RefusedException e) {
      if (e.refusal == TenantFileRoot.Refusal.OUTSIDE) {
        audit("outside the file root");
      }
      throw e;
    }
  }

  private void audit(String what) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("capability", "files");
    details.put("function", TYPES + "@" + version);
    details.put("path", CapabilityContext.clip(what));
    details.put("result", "denied");
    ctx.tenant.audit(dev.mosaic.plan.audit.AuditEvent.CAPABILITY, ctx.component, details);
  }

  private static String typeName(BasicFileAttributes a) {
    if (a == null) {
      return "unknown";
    }
    if (a.isRegularFile()) {
      return "regular-file";
    }
    if (a.isDirectory()) {
      return "directory";
    }
    if (a.isSymbolicLink()) {
      return "symbolic-link";
    }
    return "unknown";
  }

  /**
   * Locates a descriptor's own path to read its attributes: a directory opened without a grant (to
   * reach what lies under it) needs one on its path, as {@code stat-at} does, the root excepted.
   */
  private TenantFileRoot.Entry attributes(Descriptor d, String function)
      throws Refused, IOException {
    TenantFileRoot.Entry e = at(d, null, true);
    if (d.directory() && !e.guest().equals("/")) {
      require(function, e.guest());
    }
    return e;
  }

  private Object typeOf(Descriptor d) throws Refused, IOException {
    TenantFileRoot.Entry e = attributes(d, "[method]descriptor.get-type");
    if (!e.exists()) {
      throw new Refused("no-entry");
    }
    return typeName(e.attributes());
  }

  private Object stat(Descriptor d) throws Refused, IOException {
    TenantFileRoot.Entry e = attributes(d, "[method]descriptor.stat");
    if (!e.exists()) {
      throw new Refused("no-entry");
    }
    return stat(e.attributes());
  }

  private Object statAt(Descriptor d, boolean follow, String path) throws Refused, IOException {
    TenantFileRoot.Entry e = at(d, path, follow);
    require("[method]descriptor.stat-at", e.guest());
    if (!e.exists()) {
      throw new Refused("no-entry");
    }
    return stat(e.attributes());
  }

  private static Map<String, Object> stat(BasicFileAttributes a) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("type", typeName(a));
    s.put("link-count", 1L);
    s.put("size", a.isRegularFile() ? a.size() : 0L);
    s.put("data-access-timestamp", Optional.of(datetime(a.lastAccessTime())));
    s.put("data-modification-timestamp", Optional.of(datetime(a.lastModifiedTime())));
    s.put("status-change-timestamp", Optional.empty());
    return s;
  }

  private static Map<String, Object> datetime(FileTime t) {
    java.time.Instant i = t.toInstant();
    return Map.of("seconds", i.getEpochSecond(), "nanoseconds", (long) i.getNano());
  }

  private static Object hash(TenantFileRoot.Entry e) throws Refused {
    if (!e.exists()) {
      throw new Refused("no-entry");
    }
    BasicFileAttributes a = e.attributes();
    long lower = e.host().toString().hashCode() * 0x9E3779B97F4A7C15L ^ a.size();
    long upper = a.lastModifiedTime().toMillis() * 31 + a.lastModifiedTime().hashCode();
    Map<String, Object> h = new LinkedHashMap<>();
    h.put("lower", lower);
    h.put("upper", upper);
    return h;
  }

  private int openAt(Descriptor base, boolean follow, String path, Set<?> open, Set<?> flags)
      throws Refused, IOException {
    String fn = "[method]descriptor.open-at";
    boolean create = open.contains("create");
    boolean exclusive = open.contains("exclusive");
    boolean truncate = open.contains("truncate");
    boolean directory = open.contains("directory");
    boolean read = flags.contains("read");
    boolean write = flags.contains("write");
    TenantFileRoot.Entry e = at(base, path, follow);
    if (e.exists() && create && exclusive) {
      throw new Refused("exist");
    }
    if (e.exists() && e.attributes().isSymbolicLink()) {
      // A link at the end of the path and no symlink-follow: O_NOFOLLOW's ELOOP.
      throw new Refused("loop");
    }
    if (e.isSpecial()) {
      audit(e.guest() + ": not a regular file");
      throw new Refused("access");
    }
    if (e.isDirectory()) {
      if (write || truncate) {
        throw new Refused("is-directory");
      }
      return add(new Descriptor(e.guest(), true, read, false));
    }
    if (directory) {
      throw new Refused(e.exists() ? "not-directory" : "no-entry");
    }
    if (!e.exists() && !create) {
      throw new Refused("no-entry");
    }
    if (write || create || truncate) {
      require(fn, "write:" + e.guest());
    }
    if (read || !(write || create || truncate)) {
      require(fn, e.guest());
    }
    if (!e.exists() || truncate) {
      Set<OpenOption> options =
          truncate
              ? Set.of(
                  StandardOpenOption.CREATE,
                  StandardOpenOption.WRITE,
                  StandardOpenOption.TRUNCATE_EXISTING)
              : Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      files().open(e, options).close();
    }
    return add(new Descriptor(e.guest(), false, read, write));
  }

  private Object read(Descriptor d, long length, long offset) throws Refused, IOException {
    if (d.directory()) {
      throw new Refused("is-directory");
    }
    if (!d.read()) {
      throw new Refused("bad-descriptor");
    }
    if (offset < 0) {
      throw new Refused("invalid");
    }
    long budget = Math.min(MAX_READ, ctx.limits.maxTransferBytes() / 2);
    int want = (int) (Long.compareUnsigned(length, budget) > 0 ? budget : length);
    // The descriptor names a real path: a link put in its place since is not followed.
    TenantFileRoot.Entry e = at(d, null, false);
    ByteBuffer buffer = ByteBuffer.allocate(want);
    boolean end = false;
    try (SeekableByteChannel in = files().open(e, Set.of(StandardOpenOption.READ))) {
      in.position(offset);
      while (buffer.hasRemaining()) {
        ctx.guest.deadline().check();
        int limit = Math.min(buffer.capacity(), buffer.position() + CHUNK);
        buffer.limit(limit);
        if (in.read(buffer) < 0) {
          end = true;
          break;
        }
        buffer.limit(buffer.capacity());
      }
      if (!end) {
        end = in.position() >= in.size();
      }
    }
    List<Integer> bytes = new ArrayList<>(buffer.position());
    for (int i = 0; i < buffer.position(); i++) {
      bytes.add(buffer.get(i) & 0xFF);
    }
    return List.of(bytes, end);
  }

  private Object write(Descriptor d, List<?> data, long offset) throws Refused, IOException {
    if (d.directory()) {
      throw new Refused("is-directory");
    }
    if (!d.write()) {
      throw new Refused("bad-descriptor");
    }
    if (offset < 0) {
      throw new Refused("invalid");
    }
    byte[] bytes = new byte[data.size()];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) ((Integer) data.get(i)).intValue();
    }
    TenantFileRoot.Entry e = at(d, null, false);
    try (SeekableByteChannel out = files().open(e, Set.of(StandardOpenOption.WRITE))) {
      out.position(offset);
      for (int at = 0; at < bytes.length; at += CHUNK) {
        ctx.guest.deadline().check();
        ByteBuffer buffer = ByteBuffer.wrap(bytes, at, Math.min(CHUNK, bytes.length - at));
        while (buffer.hasRemaining()) {
          out.write(buffer);
        }
      }
    }
    return (long) bytes.length;
  }

  private enum Mutation {
    MKDIR,
    RMDIR,
    UNLINK
  }

  private Object mutate(Descriptor base, String path, Mutation m) throws Refused, IOException {
    String fn =
        switch (m) {
          case MKDIR -> "[method]descriptor.create-directory-at";
          case RMDIR -> "[method]descriptor.remove-directory-at";
          case UNLINK -> "[method]descriptor.unlink-file-at";
        };
    TenantFileRoot.Entry e = at(base, path, false);
    if (e.guest().equals("/")) {
      throw new Refused("access");
    }
    require(fn, "write:" + e.guest());
    switch (m) {
      case MKDIR -> Files.createDirectory(e.host());
      case RMDIR -> {
        if (!e.exists()) {
          throw new Refused("no-entry");
        }
        if (!e.isDirectory()) {
          throw new Refused("not-directory");
        }
        Files.delete(e.host());
      }
      case UNLINK -> {
        if (!e.exists()) {
          throw new Refused("no-entry");
        }
        if (e.isDirectory()) {
          throw new Refused("is-directory");
        }
        Files.delete(e.host());
      }
    }
    return null;
  }

  private int list(Descriptor d) throws Refused, IOException {
    if (!d.directory()) {
      throw new Refused("not-directory");
    }
    TenantFileRoot.Entry e = at(d, null, true);
    require("[method]descriptor.read-directory", e.guest());
    if (!e.isDirectory()) {
      throw new Refused("not-directory");
    }
    synchronized (this) {
      if (listings.size() >= MAX_LISTINGS) {
        throw new Refused("insufficient-memory");
      }
    }
    DirectoryStream<Path> stream = Files.newDirectoryStream(e.host());
    synchronized (this) {
      int rep = next++;
      listings.put(rep, new Listing(stream, stream.iterator()));
      return rep;
    }
  }

  private Object nextEntry(ResourceValue self) throws Refused, IOException {
    Listing l;
    synchronized (this) {
      l = listings.get(self.rep());
    }
    if (l == null) {
      throw new Refused("bad-descriptor");
    }
    try {
      if (!l.entries().hasNext()) {
        return Optional.empty();
      }
      Path p = l.entries().next();
      BasicFileAttributes a;
      try {
        a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      } catch (NoSuchFileException gone) {
        a = null;
      }
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("type", typeName(a));
      entry.put("name", p.getFileName().toString());
      return Optional.of(entry);
    } catch (java.nio.file.DirectoryIteratorException x) {
      throw x.getCause();
    }
  }
}
