package dev.mosaic.host.capability;

import dev.mosaic.host.component.ComponentFunction;
import dev.mosaic.host.component.ExternName;
import dev.mosaic.host.component.FuncSig;
import dev.mosaic.host.component.Item;
import dev.mosaic.host.component.ResourceType;
import dev.mosaic.host.component.ResourceValue;
import dev.mosaic.host.component.WitResult;
import dev.mosaic.host.component.WitType;
import dev.mosaic.host.files.ComponentFiles;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.diag.Diagnostic;
import dev.mosaic.plan.diag.PlanCodes;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The WASI 0.2 interfaces a component may import, mapped onto Mosaic's capabilities: {@code
 * wasi:cli/stdout} and {@code stderr} write to the {@code log} capability (escaped and rate-limited
 * as {@code mosaic.log} lines are), {@code wasi:cli/environment} is empty, {@code wasi:cli/exit}
 * ends the component's call, the clocks need {@code clock}, {@code wasi:random/random} needs {@code
 * random}, {@code wasi:io/streams} and {@code error} carry the output streams, {@code
 * wasi:filesystem/types} and {@code preopens} need {@code files} ({@link ComponentFiles}). A
 * component that imports an interface whose capability is not granted is refused when it is
 * instantiated, and that is audited; the first call of each function is audited naming the
 * interface and function.
 */
public final class WasiComponentHost {
  /** The output streams' representations (resources the host implements). */
  private static final int STDOUT = 1;

  private static final int STDERR = 2;

  /** Most bytes one {@code get-random-bytes} returns. */
  private static final long MAX_RANDOM_BYTES = 64 * 1024;

  private final CapabilityContext ctx;
  private final WasiOutput stdout;
  private final WasiOutput stderr;
  private final Set<String> audited = new HashSet<>();
  private final SecureRandom random = new SecureRandom();
  private ComponentFiles files;

  public WasiComponentHost(CapabilityContext ctx, WasiOutput stdout, WasiOutput stderr) {
    this.ctx = ctx;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /** A component's exit through {@code wasi:cli/exit}. */
  public static final class Exit extends RuntimeException {
    private static final long serialVersionUID = 1L;
    public final int status;

    public Exit(int status) {
      super("exit " + status, null, false, false);
      this.status = status;
    }
  }

  /**
   * The host functions of WASI interface {@code name}, or null when it is not a WASI 0.2 interface
   * this host provides.
   *
   * @throws MosaicException E7001 when the interface needs a capability the policy does not grant
   *     the component (audited)
   */
  public Map<String, Object> resolve(ExternName name, Item type) {
    if (!(name instanceof ExternName.Interface i)
        || !"wasi".equals(i.namespace())
        || i.version() == null
        || !i.version().startsWith("0.2.")
        || !(type instanceof Item.InstanceItem instance)) {
      return null;
    }
    String iface = i.unversioned();
    String capability =
        switch (iface) {
          case "wasi:cli/stdout", "wasi:cli/stderr" -> "log";
          case "wasi:clocks/wall-clock", "wasi:clocks/monotonic-clock" -> "clock";
          case "wasi:random/random" -> "random";
          case "wasi:filesystem/types", "wasi:filesystem/preopens" -> "files";
          default -> null;
        };
    if (capability != null
        && !"log".equals(capability)
        && !ctx.allowed(capability, name.text(), null, true)) {
      throw new MosaicException(
          Diagnostic.of(
                  PlanCodes.CAPABILITY_NOT_GRANTED,
                  "component `"
                      + ctx.component
                      + "` imports `"
                      + name.text()
                      + "`, which needs capability `"
                      + capability
                      + "`, not granted to it")
              .withHelp("add `allow " + ctx.component + " " + capability + "` to the policy"));
    }
    Map<String, Function<List<?>, Object>> bodies = new LinkedHashMap<>();
    switch (iface) {
      case "wasi:cli/stdout" -> bodies.put("get-stdout", a -> null);
      case "wasi:cli/stderr" -> bodies.put("get-stderr", a -> null);
      case "wasi:cli/environment" -> {
        bodies.put("get-environment", a -> List.of());
        bodies.put("get-arguments", a -> List.of());
        bodies.put("initial-cwd", a -> Optional.empty());
      }
      case "wasi:cli/exit" ->
          bodies.put(
              "exit",
              a -> {
                throw new Exit(a.getFirst() instanceof WitResult.Ok ? 0 : 1);
              });
      case "wasi:clocks/wall-clock" -> {
        bodies.put(
            "now",
            a -> {
              java.time.Instant now = java.time.Instant.now();
              return Map.of("seconds", now.getEpochSecond(), "nanoseconds", (long) now.getNano());
            });
        bodies.put("resolution", a -> Map.of("seconds", 0L, "nanoseconds", 1_000L));
      }
      case "wasi:clocks/monotonic-clock" -> {
        bodies.put("now", a -> System.nanoTime());
        bodies.put("resolution", a -> 1L);
      }
      case "wasi:random/random" -> {
        bodies.put(
            "get-random-bytes",
            a -> {
              // A u64: a length of 2^63 or more comes as a negative Long.
              long asked = (Long) a.getFirst();
              long n = Long.compareUnsigned(asked, MAX_RANDOM_BYTES) > 0 ? MAX_RANDOM_BYTES : asked;
              byte[] bytes = new byte[(int) n];
              random.nextBytes(bytes);
              List<Integer> out = new ArrayList<>(bytes.length);
              for (byte b : bytes) {
                out.add(b & 0xFF);
              }
              return out;
            });
        bodies.put("get-random-u64", a -> random.nextLong());
      }
      case "wasi:io/error" -> bodies.put("[method]error.to-debug-string", a -> "");
      case "wasi:io/streams" -> {
        bodies.put("[method]output-stream.check-write", a -> new WitResult.Ok(4096L));
        bodies.put("[method]output-stream.write", this::write);
        bodies.put("[method]output-stream.blocking-write-and-flush", this::write);
        bodies.put("[method]output-stream.flush", a -> new WitResult.Ok(null));
        bodies.put("[method]output-stream.blocking-flush", a -> new WitResult.Ok(null));
      }
      case "wasi:filesystem/preopens" -> {
        ResourceType descriptor = resource(instance, "descriptor");
        bodies.put("get-directories", a -> files(i).getDirectories(descriptor));
      }
      case "wasi:filesystem/types" ->
          bodies.putAll(
              files(i)
                  .types(
                      resource(instance, "descriptor"),
                      resource(instance, "directory-entry-stream")));
      default -> {
        return null;
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    if (files != null && "files".equals(capability)) {
      // Resources the host implements: dropping a handle runs its destructor.
      if (resource(instance, "descriptor") != null) {
        out.put("descriptor", files.descriptorDestructor());
      }
      if (resource(instance, "directory-entry-stream") != null) {
        out.put("directory-entry-stream", files.listingDestructor());
      }
    }
    for (Map.Entry<String, Item> e : instance.exports().entrySet()) {
      if (!(e.getValue() instanceof Item.FuncItem f)) {
        continue;
      }
      Function<List<?>, Object> body = bodies.get(e.getKey());
      if (body == null && "files".equals(capability)) {
        body = unsupported(f.type());
      }
      if (body == null) {
        continue;
      }
      if (e.getKey().equals("get-stdout") || e.getKey().equals("get-stderr")) {
        int rep = e.getKey().equals("get-stdout") ? STDOUT : STDERR;
        body = a -> stream(f.type(), rep);
      }
      out.put(e.getKey(), function(name.text(), e.getKey(), f.type(), capability, body));
    }
    return out;
  }

  /** The component's files, made on first use. */
  private synchronized ComponentFiles files(ExternName.Interface i) {
    if (files == null) {
      files = new ComponentFiles(ctx, i.version());
    }
    return files;
  }

  /** Closes what the component's files hold open (the composition ends). */
  public synchronized void close() {
    if (files != null) {
      files.close();
    }
  }

  private static ResourceType resource(Item.InstanceItem instance, String name) {
    if (!(instance.exports().get(name) instanceof Item.ResourceItem r)) {
      return null;
    }
    r.resource().nameIfUnnamed(name);
    return r.resource();
  }

  /**
   * A {@code wasi:filesystem} function this host does not implement: {@code error-code.unsupported}
   * when it returns a result, nothing or false otherwise; null (the import is refused) for any
   * other result.
   */
  private static Function<List<?>, Object> unsupported(FuncSig sig) {
    return switch (sig.result()) {
      case WitType.ResultType r -> a -> ComponentFiles.unsupported();
      case WitType.OptionType o -> a -> Optional.empty();
      case null -> a -> null;
      default -> null;
    };
  }

  /** An output stream the host implements, as an owned handle of the importer's resource type. */
  private static Object stream(FuncSig sig, int rep) {
    if (!(sig.result() instanceof WitType.OwnType own)) {
      throw new MosaicException(
          "E4212", "invalid component: its `get-stdout`/`get-stderr` does not return a stream");
    }
    return ResourceValue.hostOwned(own.resource(), rep, null);
  }

  private Object write(List<?> args) {
    ResourceValue self = (ResourceValue) args.get(0);
    List<?> bytes = (List<?>) args.get(1);
    byte[] out = new byte[bytes.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) ((Integer) bytes.get(i)).intValue();
    }
    (self.rep() == STDERR ? stderr : stdout).write(out, 0, out.length);
    return new WitResult.Ok(null);
  }

  private ComponentFunction function(
      String iface, String name, FuncSig sig, String capability, Function<List<?>, Object> body) {
    String qualified = iface + "#" + name;
    return new ComponentFunction() {
      @Override
      public FuncSig sig() {
        return sig;
      }

      @Override
      public Object call(List<?> args) {
        boolean first;
        synchronized (audited) {
          first = audited.add(qualified);
        }
        if (first && capability != null && !"log".equals(capability)) {
          ctx.allowed(capability, qualified, null, true);
        }
        return body.apply(args);
      }
    };
  }
}
