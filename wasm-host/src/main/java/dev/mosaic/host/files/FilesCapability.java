package dev.mosaic.host.files;

import dev.mosaic.host.HostFunction;
import dev.mosaic.host.abi.GuestErrors;
import dev.mosaic.host.capability.CapabilityContext;
import dev.mosaic.plan.audit.AuditEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code files} capability: guests see a virtual tree rooted at {@code /}, which is the
 * tenant's file root on the host. The policy parameter is the guest path for reads and listings
 * ({@code allow c files "/data/*"}) and {@code write:} followed by the path for writes ({@code
 * allow c files "write:/out/*"}), so a directory is read-only unless write is granted. Paths with
 * {@code ..}, NUL or a backslash are malformed ({@link GuestErrors#INVALID}). Where a path leads is
 * decided by {@link TenantFileRoot}, as for WASI: the grant must match both the path asked for and
 * its real path (a symbolic link grants nothing), a path that leads out of the root is refused, and
 * FIFOs, devices and sockets are never opened ({@link GuestErrors#SPECIAL_FILE}).
 */
public final class FilesCapability {
  /** Bytes read or written between two looks at the call's deadline. */
  private static final int CHUNK = 64 * 1024;

  private FilesCapability() {}

  public static List<HostFunction> functions(CapabilityContext ctx) {
    return List.of(
        new HostFunction(
            "files_read",
            HostFunction.type(HostFunction.PTR_LEN, HostFunction.I64),
            args -> {
              String path = normalize(ctx.string(args[0].asInt(), args[1].asInt()));
              long check = check(ctx, "files_read", path, path);
              if (check != 0) {
                return check;
              }
              try {
                TenantFileRoot.Entry file = locate(ctx, "files_read", path, "");
                if (file == null) {
                  return (long) GuestErrors.DENIED;
                }
                if (!file.exists()) {
                  return (long) GuestErrors.NOT_FOUND;
                }
                return ctx.guest.writePacked(read(ctx, file));
              } catch (IOException e) {
                return (long) code(e);
              }
            }),
        new HostFunction(
            "files_write",
            HostFunction.type(HostFunction.TWO_PTR_LEN, HostFunction.I32),
            args -> {
              String path = normalize(ctx.string(args[0].asInt(), args[1].asInt()));
              byte[] data = ctx.guest.read(args[2].asInt(), args[3].asInt());
              long check = check(ctx, "files_write", path, path == null ? null : "write:" + path);
              if (check != 0) {
                return (int) check;
              }
              try {
                TenantFileRoot.Entry file = locate(ctx, "files_write", path, "write:");
                if (file == null) {
                  return GuestErrors.DENIED;
                }
                try (SeekableByteChannel out =
                    ctx.tenant.files.open(
                        file,
                        Set.of(
                            StandardOpenOption.CREATE,
                            StandardOpenOption.TRUNCATE_EXISTING,
                            StandardOpenOption.WRITE))) {
                  // In chunks, looking at the call's deadline before each.
                  for (int at = 0; at < data.length; at += CHUNK) {
                    ctx.guest.deadline().check();
                    ByteBuffer buffer =
                        ByteBuffer.wrap(data, at, Math.min(CHUNK, data.length - at));
                    while (buffer.hasRemaining()) {
                      out.write(buffer);
                    }
                  }
                }
                return 0;
              } catch (IOException e) {
                return code(e);
              }
            }),
        new HostFunction(
            "files_list",
            HostFunction.type(HostFunction.PTR_LEN, HostFunction.I64),
            args -> {
              String path = normalize(ctx.string(args[0].asInt(), args[1].asInt()));
              long check = check(ctx, "files_list", path, path);
              if (check != 0) {
                return check;
              }
              try {
                TenantFileRoot.Entry dir = locate(ctx, "files_list", path, "");
                if (dir == null) {
                  return (long) GuestErrors.DENIED;
                }
                if (!dir.exists()) {
                  return (long) GuestErrors.NOT_FOUND;
                }
                if (!dir.isDirectory()) {
                  return (long) (dir.isSpecial() ? GuestErrors.SPECIAL_FILE : GuestErrors.INVALID);
                }
                List<String> names = new ArrayList<>();
                long bytes = 0;
                try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir.host())) {
                  for (Path p : entries) {
                    ctx.guest.deadline().check();
                    String name = p.getFileName().toString();
                    // Stop reading a huge directory once the listing could not be sent anyway.
                    bytes += name.getBytes(StandardCharsets.UTF_8).length + 1;
                    if (bytes > ctx.limits.maxTransferBytes() + 1) {
                      return (long) GuestErrors.TOO_LARGE;
                    }
                    names.add(name);
                  }
                }
                names.sort(null);
                return ctx.guest.writePacked(
                    String.join("\n", names).getBytes(StandardCharsets.UTF_8));
              } catch (IOException e) {
                return (long) code(e);
              }
            }));
  }

  /** Reads a located regular file, refusing one larger than a transfer may be. */
  private static byte[] read(CapabilityContext ctx, TenantFileRoot.Entry file) throws IOException {
    long max = ctx.limits.maxTransferBytes();
    try (SeekableByteChannel in = ctx.tenant.files.open(file, Set.of(StandardOpenOption.READ))) {
      if (in.size() > max) {
        throw new TooLarge();
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream((int) in.size());
      ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
      while (true) {
        ctx.guest.deadline().check();
        if (in.read(buffer.clear()) <= 0) {
          break;
        }
        out.write(buffer.array(), 0, buffer.position());
        if (out.size() > max) {
          throw new TooLarge();
        }
      }
      return out.toByteArray();
    }
  }

  /**
   * Locates a granted path in the tenant's root. A path that leads (through links) outside the
   * root, or to a real path the policy does not grant with {@code prefix}, is audited and gives
   * {@code null}.
   */
  private static TenantFileRoot.Entry locate(
      CapabilityContext ctx, String function, String path, String prefix) throws IOException {
    TenantFileRoot.Entry entry;
    try {
      entry = ctx.tenant.files.locate(path);
    } catch (TenantFileRoot.RefusedException e) {
      if (e.refusal != TenantFileRoot.Refusal.OUTSIDE) {
        throw e;
      }
      deniedReal(ctx, function, path, "outside the file root");
      return null;
    }
    if (!entry.guest().equals(path)
        && !ctx.policy.decide(ctx.component, "files", prefix + entry.guest()).allowed()) {
      deniedReal(ctx, function, path, prefix + entry.guest());
      return null;
    }
    return entry;
  }

  private static void deniedReal(CapabilityContext ctx, String function, String path, String to) {
    ctx.tenant.metrics.capability("files", false);
    Map<String, String> details = new LinkedHashMap<>();
    details.put("capability", "files");
    details.put("function", function);
    details.put("path", CapabilityContext.clip(path));
    details.put("leads_to", CapabilityContext.clip(to));
    details.put("result", "denied");
    ctx.audit(AuditEvent.CAPABILITY, details);
  }

  private static int code(IOException e) {
    if (e instanceof TooLarge) {
      return GuestErrors.TOO_LARGE;
    }
    if (e instanceof TenantFileRoot.RefusedException r) {
      return switch (r.refusal) {
        case OUTSIDE -> GuestErrors.DENIED;
        case SPECIAL -> GuestErrors.SPECIAL_FILE;
        case DIRECTORY -> GuestErrors.INVALID;
        case MISSING -> GuestErrors.NOT_FOUND;
      };
    }
    if (e instanceof NoSuchFileException) {
      return GuestErrors.NOT_FOUND;
    }
    return GuestErrors.IO;
  }

  /** A file over the transfer cap. */
  private static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    TooLarge() {
      super("too large", null);
    }
  }

  /** 0 when the call may go ahead, else the error code to return. */
  private static long check(CapabilityContext ctx, String function, String path, String param) {
    if (path == null) {
      return GuestErrors.INVALID;
    }
    if (ctx.tenant.files == null) {
      return GuestErrors.UNAVAILABLE;
    }
    boolean ok = ctx.allowed("files", function, param, false);
    Map<String, String> details = new LinkedHashMap<>();
    details.put("capability", "files");
    details.put("function", function);
    details.put("path", CapabilityContext.clip(path));
    details.put("result", ok ? "granted" : "denied");
    if (ok) {
      ctx.audit(AuditEvent.CAPABILITY, details);
    }
    return ok ? 0 : GuestErrors.DENIED;
  }

  /** An absolute guest path without {@code .}, {@code ..} or empty segments, or {@code null}. */
  static String normalize(String path) {
    if (path == null || !path.startsWith("/") || path.indexOf('\0') >= 0) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    for (String part : path.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..") || part.indexOf('\\') >= 0) {
        return null;
      }
      parts.add(part);
    }
    return "/" + String.join("/", parts);
  }
}
