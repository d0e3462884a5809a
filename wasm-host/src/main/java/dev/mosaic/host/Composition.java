package dev.mosaic.host;

import dev.mosaic.plan.Binding;
import dev.mosaic.plan.Capabilities;
import dev.mosaic.plan.Component;
import dev.mosaic.plan.Diagnostic;
import dev.mosaic.plan.FunctionDecl;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.ValidatedPlan;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.ByteSequence;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * The running components of one plan, each with its own linear memory, linked by the plan's
 * bindings. Capabilities are linked only where the policy grants them. Calls are serialized.
 */
public final class Composition implements AutoCloseable {
  /** Longest guest log line kept; longer ones are cut. */
  static final int MAX_LOG_BYTES = 64 * 1024;

  private final ValidatedPlan plan;
  private final Context context;
  private final Map<String, Value> exports = new HashMap<>();
  private final Consumer<String> guestLog;
  private final ScheduledExecutorService watchdog;

  Composition(
      Engine engine,
      ValidatedPlan plan,
      Consumer<String> guestLog,
      ScheduledExecutorService watchdog) {
    this.plan = plan;
    this.guestLog = guestLog;
    this.watchdog = watchdog;
    this.context = Context.newBuilder("wasm").engine(engine).build();
    try {
      for (Component c : instantiationOrder()) {
        Value module =
            context.eval(
                Source.newBuilder("wasm", ByteSequence.create(plan.blob(c.id())), c.id())
                    .cached(true)
                    .buildLiteral());
        Value instance = module.newInstance(ProxyObject.fromMap(imports(c)));
        exports.put(c.id(), instance.getMember("exports"));
      }
    } catch (PolyglotException e) {
      context.close(true);
      throw new MosaicException(HostCodes.LINK, "cannot instantiate plan: " + e.getMessage());
    }
  }

  public ValidatedPlan plan() {
    return plan;
  }

  /**
   * Calls an exported function with numeric arguments and returns its result: a {@link Long},
   * {@link Double}, or {@code null} for no result.
   *
   * @throws MosaicException E9xxx when the guest traps, times out or the call is malformed
   */
  public synchronized Object call(String component, String function, List<Object> args) {
    Component c =
        plan.plan()
            .component(component)
            .orElseThrow(
                () ->
                    new MosaicException(
                        HostCodes.BAD_CALL, "no component `" + component + "` in the plan"));
    FunctionDecl decl =
        c.exports().stream()
            .filter(f -> f.name().equals(function))
            .findFirst()
            .orElseThrow(
                () ->
                    new MosaicException(
                        HostCodes.BAD_CALL,
                        "component `" + component + "` has no export `" + function + "`"));
    List<String> params = decl.type().params();
    if (params.size() != args.size()) {
      throw new MosaicException(
          HostCodes.BAD_CALL,
          "`"
              + component
              + "."
              + function
              + "` takes "
              + params.size()
              + " arguments, got "
              + args.size());
    }
    Object[] wasmArgs = new Object[args.size()];
    for (int i = 0; i < args.size(); i++) {
      wasmArgs[i] = convert(params.get(i), args.get(i), component + "." + function, i);
    }
    long limit = plan.plan().limits().maxExecutionMillis();
    ScheduledFuture<?> timer =
        watchdog.schedule(() -> context.close(true), limit, TimeUnit.MILLISECONDS);
    try {
      Value result = exports.get(component).getMember(function).execute(wasmArgs);
      if (decl.type().results().isEmpty() || result == null || result.isNull()) {
        return null;
      }
      if (result.fitsInLong()) {
        return result.asLong();
      }
      return result.asDouble();
    } catch (PolyglotException e) {
      if (e.isCancelled()) {
        throw new MosaicException(
            Diagnostic.of(
                    HostCodes.TIMEOUT,
                    "call `"
                        + component
                        + "."
                        + function
                        + "` ran past its limit of "
                        + limit
                        + " ms")
                .withHelp("raise `max-time` in the tenant block if the work is legitimate"));
      }
      if (e.isResourceExhausted()) {
        throw new MosaicException(
            HostCodes.MEMORY, "call `" + component + "." + function + "` exhausted a resource");
      }
      throw new MosaicException(
          HostCodes.TRAP,
          "guest `" + component + "` trapped in `" + function + "`: " + e.getMessage());
    } finally {
      timer.cancel(false);
    }
  }

  private static Object convert(String type, Object arg, String where, int index) {
    if (!(arg instanceof Number n)) {
      throw new MosaicException(
          HostCodes.BAD_CALL, "argument " + (index + 1) + " of `" + where + "` must be a number");
    }
    return switch (type) {
      case "i32" -> {
        long v = n.longValue();
        if (v < Integer.MIN_VALUE || v > 0xFFFF_FFFFL) {
          throw new MosaicException(
              HostCodes.BAD_CALL, "argument " + (index + 1) + " of `" + where + "` overflows i32");
        }
        yield (int) v;
      }
      case "i64" -> n.longValue();
      case "f32" -> n.floatValue();
      case "f64" -> n.doubleValue();
      default ->
          throw new MosaicException(
              HostCodes.BAD_CALL,
              "argument " + (index + 1) + " of `" + where + "` has unsupported type " + type);
    };
  }

  private Map<String, Object> imports(Component c) {
    Map<String, Map<String, Object>> modules = new TreeMap<>();
    for (FunctionDecl imp : c.imports()) {
      if (imp.isCapability()) {
        String capability = Capabilities.capabilityOf(imp.name());
        if (plan.policy().decide(c.id(), capability, null).allowed()) {
          modules
              .computeIfAbsent(imp.module(), k -> new LinkedHashMap<>())
              .put(imp.name(), capability(c.id(), imp.name()));
        }
      }
    }
    for (Binding b : plan.plan().bindings()) {
      if (b.importer().equals(c.id())) {
        modules
            .computeIfAbsent(b.importModule(), k -> new LinkedHashMap<>())
            .put(b.importName(), exports.get(b.exporter()).getMember(b.exportName()));
      }
    }
    Map<String, Object> out = new TreeMap<>();
    modules.forEach((k, v) -> out.put(k, ProxyObject.fromMap(v)));
    return out;
  }

  private ProxyExecutable capability(String component, String name) {
    return switch (name) {
      case "log" ->
          args -> {
            Value memory = exports.get(component).getMember("memory");
            String line = readString(memory, args[0].asInt(), args[1].asInt());
            guestLog.accept("[" + component + "] " + line);
            return null;
          };
      default ->
          args -> {
            throw new MosaicException(
                HostCodes.LINK, "capability `" + name + "` is not available in this host");
          };
    };
  }

  private static String readString(Value memory, int ptr, int len) {
    if (memory == null || len < 0) {
      return "";
    }
    long size = memory.getBufferSize();
    long start = Integer.toUnsignedLong(ptr);
    int n = (int) Math.min(Math.min(len, MAX_LOG_BYTES), Math.max(0, size - start));
    byte[] bytes = new byte[n];
    if (n > 0) {
      memory.readBuffer(start, bytes, 0, n);
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** Exporters before importers, so every binding's target exists when its importer links. */
  private List<Component> instantiationOrder() {
    Map<String, Set<String>> deps = new HashMap<>();
    for (Binding b : plan.plan().bindings()) {
      deps.computeIfAbsent(b.importer(), k -> new HashSet<>()).add(b.exporter());
    }
    List<Component> order = new ArrayList<>();
    Set<String> placed = new HashSet<>();
    Deque<Component> pending = new ArrayDeque<>(plan.plan().components());
    int stalled = 0;
    while (!pending.isEmpty() && stalled <= pending.size()) {
      Component c = pending.poll();
      if (placed.containsAll(deps.getOrDefault(c.id(), Set.of()))) {
        order.add(c);
        placed.add(c.id());
        stalled = 0;
      } else {
        pending.add(c);
        stalled++;
      }
    }
    return order;
  }

  @Override
  public void close() {
    context.close(true);
  }
}
