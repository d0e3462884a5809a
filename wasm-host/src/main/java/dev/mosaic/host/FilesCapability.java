package dev.mosaic.host;

import dev.mosaic.plan.audit.AuditEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The {@code files} capability: guests see a virtual tree rooted at {@code /}, which is the
 * tenant's file root on the host. The policy parameter is the guest path for reads and listings
 * ({@code allow c files "/data/*"}) and {@code write:} followed by the path for writes ({@code
 * allow c files "write:/out/*"}), so a directory is read-only unless write is granted. Paths with
 * {@code ..}, and paths that leave the root through a symbolic link, are refused.
 */
final class FilesCapability {
  private FilesCapability() {}

  static List<HostFunction> functions(CapabilityContext ctx) {
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
              Path file = resolve(ctx, path);
              if (file == null) {
                return (long) GuestErrors.DENIED;
              }
              try {
                if (Files.size(file) > ctx.limits.maxTransferBytes()) {
                  return (long) GuestErrors.TOO_LARGE;
                }
                byte[] bytes =
                    BoundedFiles.read(file, ctx.limits.maxTransferBytes(), ctx.guest.deadline());
                return bytes == null ? (long) GuestErrors.TOO_LARGE : ctx.guest.writePacked(bytes);
              } catch (NoSuchFileException e) {
                return (long) GuestErrors.NOT_FOUND;
              } catch (IOException e) {
                return (long) GuestErrors.IO;
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
              Path file = resolve(ctx, path);
              if (file == null) {
                return GuestErrors.DENIED;
              }
              try {
                BoundedFiles.write(
                    file,
                    data,
                    ctx.guest.deadline(),
                    StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);
                return 0;
              } catch (NoSuchFileException e) {
                return GuestErrors.NOT_FOUND;
              } catch (IOException e) {
                return GuestErrors.IO;
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
              Path dir = resolve(ctx, path);
              if (dir == null) {
                return (long) GuestErrors.DENIED;
              }
              try (Stream<Path> entries = Files.list(dir)) {
                List<String> names = new ArrayList<>();
                entries.forEach(
                    p -> {
                      ctx.guest.deadline().check();
                      names.add(p.getFileName().toString());
                    });
                names.sort(null);
                return ctx.guest.writePacked(
                    String.join("\n", names).getBytes(StandardCharsets.UTF_8));
              } catch (NoSuchFileException e) {
                return (long) GuestErrors.NOT_FOUND;
              } catch (IOException e) {
                return (long) GuestErrors.IO;
              }
            }));
  }

  /** 0 when the call may go ahead, else the error code to return. */
  private static long check(CapabilityContext ctx, String function, String path, String param) {
    if (path == null) {
      return GuestErrors.INVALID;
    }
    if (ctx.tenant.fileRoot == null) {
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

  /** The host path of a normalized guest path, or {@code null} when it would leave the root. */
  private static Path resolve(CapabilityContext ctx, String guestPath) {
    try {
      Path root = ctx.tenant.fileRoot.toRealPath();
      Path target = root.resolve(guestPath.substring(1)).normalize();
      if (!target.startsWith(root)) {
        return null;
      }
      // Resolve links in the parent: a symbolic link inside the root must not point outside it.
      Path parent = target.getParent() == null ? root : target.getParent();
      if (Files.exists(parent) && !parent.toRealPath().startsWith(root)) {
        return null;
      }
      if (Files.isSymbolicLink(target) && !target.toRealPath().startsWith(root)) {
        return null;
      }
      return target;
    } catch (IOException e) {
      return null;
    }
  }
}
