package dev.mosaic.host;

import dev.mosaic.plan.Binding;
import dev.mosaic.plan.Capabilities;
import dev.mosaic.plan.Component;
import dev.mosaic.plan.Diagnostic;
import dev.mosaic.plan.FunctionDecl;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.ValidatedPlan;
import dev.mosaic.plan.WasmInterface;
import dev.mosaic.plan.audit.AuditEvent;
import io.micrometer.core.instrument.Timer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.ByteSequence;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * The running components of one plan, each with its own linear memory, linked by the plan's
 * bindings. Capabilities are linked only where the policy grants them. Calls are serialized;
 * instantiation (which runs the modules' {@code start} functions) and every call run under the
 * wall-time limit, and one that runs past it is stopped and closes the composition (E9002).
 *
 * <p>Thread-safety: thread-safe. Calls are serialized (one guest call at a time in a composition);
 * {@link #close()} may be called from any thread, also while a call runs (the call is cancelled).
 * Closing the host closes its compositions: their calls then throw E9008.
 */
public final class Composition implements AutoCloseable {
  private final ValidatedPlan plan;
  private final Tenant tenant;
  private final HostServices services;
  private final Context context;

  /** The context of each component that imports WASI: GraalWasm keeps WASI state per context. */
  private final Map<String, Context> wasiContexts = new LinkedHashMap<>();

  /** Standard output and error of the WASI components, drained when a call returns. */
  private final List<WasiOutput> wasiOutputs = new ArrayList<>();

  /** WASI components that called {@code proc_exit}: their context is gone. */
  private final Set<String> exited = ConcurrentHashMap.newKeySet();

  private final Map<String, Guest> guests = new HashMap<>();

  /** The plan's components whose blob is a WebAssembly component (component model). */
  private final Map<String, dev.mosaic.host.component.ComponentInstance> instances =
      new HashMap<>();

  private final long callLimitMillis;
  private final int componentCount;
  private final long reservedBytes;
  private final long reservedTableElements;

  /** No further calls: closed by its owner, or a call timed out. */
  private final AtomicBoolean closed = new AtomicBoolean();

  /** The context was closed and the tenant's reservations released (once). */
  private final AtomicBoolean stopped = new AtomicBoolean();

  private final CountDownLatch released = new CountDownLatch(1);
  private final Deadline deadline;

  /** The timer of successful calls, looked up once rather than by name at every call. */
  private final Timer okCalls;

  Composition(Tenant tenant, ValidatedPlan plan, HostServices services) {
    this.plan = plan;
    this.tenant = tenant;
    this.services = services;
    HostLimits limits = services.limits();
    this.callLimitMillis =
        Math.min(plan.plan().limits().maxExecutionMillis(), limits.maxExecutionMillis());
    if (!tenant.loads.tryTake()) {
      throw tenant.limitHit(
          "plan_loads",
          HostCodes.LOAD_RATE,
          "tenant `" + tenant.id + "` loads plans faster than its rate limit",
          "wait and retry, or raise the host's plan-load rate");
    }
    this.okCalls = tenant.metrics.call("ok");
    Timer.Sample sample = Timer.start();
    List<Component> order = instantiationOrder();
    Map<String, PreparedModule> prepared = new HashMap<>();
    Map<String, ComponentModules> componentModules = new HashMap<>();
    List<Component> modules = new ArrayList<>();
    for (Component c : order) {
      byte[] blob = plan.blob(c.id());
      if (WasmInterface.isComponent(blob)) {
        componentModules.put(c.id(), ComponentModules.read(c, blob));
        continue;
      }
      modules.add(c);
    }
    for (Component c : modules) {
      prepared.put(
          c.id(), tenant.prepared(c.digest(), d -> PreparedModule.inspect(c, plan.blob(c.id()))));
    }
    checkInterfaces(modules, prepared);
    Map<String, Integer> caps = memoryCaps(modules, prepared, componentModules, limits);
    long reserve = 0;
    for (int pages : caps.values()) {
      reserve += pages * PreparedModule.PAGE;
    }
    Map<String, long[]> tableCaps = tableCaps(modules, prepared, limits);
    for (ComponentModules cm : componentModules.values()) {
      tableCaps.putAll(cm.tableCaps(limits));
    }
    long tableReserve = 0;
    for (long[] perTable : tableCaps.values()) {
      for (long elements : perTable) {
        tableReserve += elements;
      }
    }
    tenant.reserve(
        limits.maxCompositionsPerTenant(),
        order.size(),
        plan.plan().limits().maxComponents(),
        reserve,
        limits.maxTenantMemoryBytes(),
        tableReserve,
        limits.maxTenantTableElements());
    this.componentCount = order.size();
    this.reservedBytes = reserve;
    this.reservedTableElements = tableReserve;
    Context built = null;
    Deadline armedDeadline = null;
    try {
      built = Context.newBuilder("wasm").engine(tenant.engine).build();
      armedDeadline = services.watchdog().deadline(this::timeUp);
    } catch (RuntimeException | Error e) {
      // Nothing else holds the reservation yet: give it back before the failure leaves.
      if (built != null) {
        cancel(built);
      }
      tenant.release(componentCount, reservedBytes, reservedTableElements);
      throw e;
    }
    this.context = built;
    this.deadline = armedDeadline;
    String current = order.isEmpty() ? "" : order.getFirst().id();
    Deadline.Token token = null;
    String running = null;
    try {
      // Start functions (moved to exports, see StartFunction) are guest code: together they run
      // under the same limit as one call, each right after its module is instantiated.
      long budget = TimeUnit.MILLISECONDS.toNanos(callLimitMillis);
      for (Component c : order) {
        current = c.id();
        ComponentModules cm = componentModules.get(c.id());
        if (cm != null) {
          Context own = Context.newBuilder("wasm").engine(tenant.engine).build();
          wasiContexts.put(c.id(), own);
          cm.compile(own, caps, tableCaps);
          long began = System.nanoTime();
          token = deadline.arm(Math.max(0, budget));
          running = "";
          try {
            instances.put(c.id(), instantiateComponent(c, cm, own, caps, tableCaps, limits));
          } finally {
            drainOutput();
          }
          running = null;
          if (!deadline.disarm(token)) {
            throw new CallTimedOut();
          }
          token = null;
          budget -= System.nanoTime() - began;
          continue;
        }
        PreparedModule m = prepared.get(c.id());
        Guest guest = new Guest(c, m.abi(), limits.maxTransferBytes(), deadline);
        Value module =
            contextFor(guest).eval(source(c, m, caps.get(c.id()), tableCaps.get(c.id())));
        Value instance = module.newInstance(ProxyObject.fromMap(imports(guest)));
        guest.bind(instance.getMember("exports"));
        if (m.abi().usesMemory() && (!guest.hasMemory() || !guest.hasAlloc())) {
          throw new MosaicException(
              Diagnostic.of(
                      HostCodes.ABI,
                      "component `"
                          + c.id()
                          + "` declares strings or bytes but does not export `memory` and"
                          + " `alloc`")
                  .withHelp("export `memory` and `alloc(len: i32) -> i32`"));
        }
        guests.put(c.id(), guest);
        for (String entry : entries(m, guest)) {
          long began = System.nanoTime();
          token = deadline.arm(Math.max(0, budget));
          running = entry;
          try {
            guest.function(entry).executeVoid();
          } finally {
            drainOutput();
          }
          running = null;
          if (!deadline.disarm(token)) {
            // The deadline passed just as the function returned: stopped all the same.
            throw new CallTimedOut();
          }
          token = null;
          budget -= System.nanoTime() - began;
        }
      }
    } catch (PolyglotException e) {
      boolean inTime = token == null || deadline.disarm(token);
      throw instantiationFailed(instantiationFailure(e, current, running, inTime));
    } catch (CallTimedOut e) {
      if (token != null) {
        deadline.disarm(token);
      }
      throw instantiationFailed(instantiationTimeout(current, running));
    } catch (RuntimeException e) {
      boolean inTime = token == null || deadline.disarm(token);
      throw instantiationFailed(inTime ? e : instantiationTimeout(current, running));
    } catch (Error e) {
      // An error the engine lets through (out of heap in the host, a linkage error): the
      // reservation is released all the same.
      if (token != null) {
        deadline.disarm(token);
      }
      closed.set(true);
      stop(true);
      awaitReleased();
      throw e;
    }
    if (!tenant.attach(this)) {
      // The host closed while this composition was being built.
      close();
      throw WasmHost.closedError();
    }
    sample.stop(tenant.metrics.instantiation());
    HostLog.debug(
        "tenant "
            + HostLog.text(tenant.id)
            + " instantiated plan "
            + plan.digest()
            + " ("
            + componentCount
            + " components)");
    tenant.audit(
        AuditEvent.EXECUTION,
        "",
        Map.of("action", "instantiate", "plan", plan.digest(), "components", "" + componentCount));
  }

  /**
   * The context a component runs in: its own for a WASI component, with WASI's pre-opened
   * directories, file system and output streams (docs/guest-abi.md), else the composition's.
   */
  private Context contextFor(Guest guest) {
    Component c = guest.component();
    if (!WasiFiles.imports(c)) {
      return context;
    }
    CapabilityContext ctx = capabilityContext(guest);
    boolean log = plan.policy().decide(c.id(), "log", null).allowed();
    AtomicBoolean noticed = new AtomicBoolean();
    WasiOutput out = new WasiOutput(ctx, "stdout", log, noticed);
    WasiOutput err = new WasiOutput(ctx, "stderr", log, noticed);
    wasiOutputs.add(out);
    wasiOutputs.add(err);
    Context.Builder builder = Context.newBuilder("wasm").engine(tenant.engine);
    Context own = WasiFiles.configure(builder, tenant, plan, c, out, err).build();
    wasiContexts.put(c.id(), own);
    return own;
  }

  /**
   * What runs as a module is instantiated, under the instantiation's time budget: its start
   * function (moved to an export by {@link StartFunction}), then a WASI reactor's {@code
   * _initialize} (a command, which exports {@code _start}, initializes itself when it runs).
   */
  private static List<String> entries(PreparedModule m, Guest guest) {
    List<String> out = new ArrayList<>(2);
    if (m.startExport() != null) {
      out.add(m.startExport());
    }
    Value init = guest.function("_initialize");
    if (init != null && init.canExecute() && guest.function("_start") == null) {
      out.add("_initialize");
    }
    return out;
  }

  private void drainOutput() {
    for (WasiOutput o : wasiOutputs) {
      o.drain();
    }
  }

  /** The validated plan this composition runs. */
  public ValidatedPlan plan() {
    return plan;
  }

  /** Whether the composition was closed, by {@link #close()} or because a call timed out. */
  public boolean isClosed() {
    return closed.get();
  }

  /**
   * The guest ABI signature of an export: what its {@code mosaic.abi} section declares, else the
   * numbers of its core type.
   *
   * @throws MosaicException E9004 when the plan has no such component or export
   */
  public AbiSignature signature(String component, String function) {
    Guest guest = guests.get(component);
    if (guest == null) {
      throw new MosaicException(HostCodes.BAD_CALL, "no component `" + component + "` in the plan");
    }
    return guest.abi().signatureOf(export(guest, component, function));
  }

  private static FunctionDecl export(Guest guest, String component, String function) {
    return guest.component().exports().stream()
        .filter(f -> f.name().equals(function))
        .findFirst()
        .orElseThrow(
            () ->
                new MosaicException(
                    HostCodes.BAD_CALL,
                    "component `" + component + "` has no export `" + function + "`"));
  }

  /**
   * A reusable handle on one export: the component, the export and its signature are checked here,
   * once, and each {@link Export#call} then passes only the arguments.
   *
   * <pre>{@code
   * Export add = composition.export("calc", "add");
   * long sum = add.callLong(2, 3);
   * }</pre>
   *
   * @throws MosaicException E9004 when the plan has no such component or export; E9008 when the
   *     composition is closed
   */
  public Export export(String component, String function) {
    if (closed.get()) {
      throw tenant.isClosed()
          ? WasmHost.closedError()
          : new MosaicException(
              HostCodes.CLOSED, "composition of plan `" + plan.digest() + "` is closed");
    }
    return new Export(this, component, function, signature(component, function));
  }

  /**
   * Calls an exported function. Numbers pass as {@link Number}s; parameters the export declares as
   * {@code string} or {@code bytes} (docs/guest-abi.md) take a {@link String} or a {@code byte[]},
   * copied into the guest's memory. The result is a {@link Long}, a {@link Double}, a {@link
   * String} for {@code string}, a {@code byte[]} for {@code bytes}, or {@code null} for none.
   *
   * @throws MosaicException E9xxx when the guest traps, times out, the tenant is over its call rate
   *     or the call is malformed
   */
  public synchronized Object call(String component, String function, List<Object> args) {
    if (closed.get()) {
      if (tenant.isClosed()) {
        throw WasmHost.closedError();
      }
      throw new MosaicException(
          Diagnostic.of(HostCodes.CLOSED, "composition of plan `" + plan.digest() + "` is closed")
              .withHelp(
                  "a call that times out closes its composition; instantiate the plan again"));
    }
    if (instances.containsKey(component)) {
      return callComponent(component, function, args);
    }
    Guest guest = guests.get(component);
    if (guest == null) {
      throw new MosaicException(HostCodes.BAD_CALL, "no component `" + component + "` in the plan");
    }
    if (exited.contains(component)) {
      throw new MosaicException(
          Diagnostic.of(HostCodes.CLOSED, "component `" + component + "` has exited")
              .withHelp("a WASI command runs once; instantiate the plan again to run it again"));
    }
    AbiSignature sig = guest.signature(function, () -> export(guest, component, function));
    if (sig.params().size() != args.size()) {
      throw new MosaicException(
          HostCodes.BAD_CALL,
          "`"
              + component
              + "."
              + function
              + "` takes "
              + sig.params().size()
              + " arguments, got "
              + args.size());
    }
    if (!tenant.calls.tryTake()) {
      throw tenant.limitHit(
          "calls",
          HostCodes.CALL_RATE,
          "tenant `" + tenant.id + "` calls faster than its rate limit",
          "wait and retry, or raise the host's call rate");
    }
    long start = System.nanoTime();
    Deadline.Token token = deadline.arm(TimeUnit.MILLISECONDS.toNanos(callLimitMillis));
    MosaicException failure;
    try {
      Object[] wasmArgs = lowerArgs(guest, sig, args, component, function);
      Value result = guest.function(function).execute(wasmArgs);
      Object out = liftResult(guest, sig, result);
      if (deadline.disarm(token)) {
        record(start, "ok");
        return out;
      }
      // The deadline passed as the call returned; the watchdog is closing the composition.
      failure = timeout(component, function);
    } catch (PolyglotException e) {
      if (e.isExit()) {
        deadline.disarm(token);
        drainOutput();
        return exit(component, function, e.getExitStatus());
      }
      failure = failure(e, component, function, deadline.disarm(token));
    } catch (CallTimedOut e) {
      deadline.disarm(token);
      failure = timeout(component, function);
    } catch (IllegalStateException e) {
      // The watchdog closed the context between the start of the call and the guest's entry.
      boolean inTime = deadline.disarm(token);
      if (inTime && !closed.get()) {
        throw e;
      }
      failure = timeout(component, function);
    } catch (GuestFault e) {
      failure =
          deadline.disarm(token)
              ? new MosaicException(
                  HostCodes.TRAP,
                  "guest `" + component + "` trapped in `" + function + "`: " + e.getMessage())
              : timeout(component, function);
    } catch (RuntimeException e) {
      deadline.disarm(token);
      record(start, e instanceof MosaicException m ? m.code() : "error");
      throw e;
    } finally {
      deadline.disarm(token);
      drainOutput();
    }
    if (HostCodes.TIMEOUT.equals(failure.code())) {
      timedOut();
      if (tenant.isClosed()) {
        // Not out of time: the host was closed while the call ran, and cancelled it.
        failure = WasmHost.closedError();
      }
    }
    HostLog.debug(
        "tenant "
            + HostLog.text(tenant.id)
            + ": call "
            + HostLog.text(component + "." + function)
            + " of plan "
            + plan.digest()
            + " failed with "
            + failure.code());
    record(start, failure.code());
    tenant.audit(
        AuditEvent.EXECUTION,
        component,
        Map.of("function", function, "result", "failed", "code", failure.code()));
    throw failure;
  }

  /**
   * Calls a function of a component (component model) with Java values as docs/components.md's
   * "Java values" table says: {@code function} is a function the component exports itself ({@code
   * greet}) or one of an exported interface, {@code interface#function} ({@code
   * mosaic:calc/ops@0.1.0#add}), as {@code jco} names them.
   */
  private Object callComponent(String component, String function, List<Object> args) {
    if (exited.contains(component)) {
      throw new MosaicException(
          Diagnostic.of(HostCodes.CLOSED, "component `" + component + "` has exited")
              .withHelp("instantiate the plan again to run it again"));
    }
    dev.mosaic.host.component.ComponentInstance instance = instances.get(component);
    int hash = function.indexOf('#');
    dev.mosaic.host.component.ComponentFunction f =
        hash < 0
            ? instance.function(null, function)
            : instance.function(function.substring(0, hash), function.substring(hash + 1));
    if (f == null) {
      throw new MosaicException(
          HostCodes.BAD_CALL, "component `" + component + "` has no export `" + function + "`");
    }
    if (!tenant.calls.tryTake()) {
      throw tenant.limitHit(
          "calls",
          HostCodes.CALL_RATE,
          "tenant `" + tenant.id + "` calls faster than its rate limit",
          "wait and retry, or raise the host's call rate");
    }
    long start = System.nanoTime();
    Deadline.Token token = deadline.arm(TimeUnit.MILLISECONDS.toNanos(callLimitMillis));
    MosaicException failure;
    try {
      Object out = f.call(args);
      if (deadline.disarm(token)) {
        record(start, "ok");
        return out;
      }
      failure = timeout(component, function);
    } catch (WasiComponentHost.Exit e) {
      deadline.disarm(token);
      drainOutput();
      return exit(component, function, e.status);
    } catch (PolyglotException e) {
      if (e.isHostException() && e.asHostException() instanceof WasiComponentHost.Exit x) {
        deadline.disarm(token);
        drainOutput();
        return exit(component, function, x.status);
      }
      failure = failure(e, component, function, deadline.disarm(token));
    } catch (CallTimedOut e) {
      deadline.disarm(token);
      failure = timeout(component, function);
    } catch (IllegalStateException e) {
      boolean inTime = deadline.disarm(token);
      if (inTime && !closed.get()) {
        throw e;
      }
      failure = timeout(component, function);
    } catch (MosaicException e) {
      failure = deadline.disarm(token) && !closed.get() ? e : timeout(component, function);
    } finally {
      deadline.disarm(token);
      drainOutput();
    }
    if (HostCodes.TIMEOUT.equals(failure.code())) {
      timedOut();
    }
    record(start, failure.code());
    tenant.audit(
        AuditEvent.EXECUTION,
        component,
        Map.of("function", function, "result", "failed", "code", failure.code()));
    throw failure;
  }

  /**
   * A WASI guest called {@code proc_exit}: its context is gone. Status 0 is success (the call
   * returns {@code null}); any other status is {@link GuestExit}, whose exit code is the status.
   */
  private Object exit(String component, String function, int status) {
    exited.add(component);
    tenant.audit(
        AuditEvent.EXECUTION,
        component,
        Map.of("function", function, "result", "exited", "status", "" + status));
    if (status == 0) {
      return null;
    }
    throw new GuestExit(component, function, status);
  }

  private void record(long start, String outcome) {
    Timer timer = "ok".equals(outcome) ? okCalls : tenant.metrics.call(outcome);
    timer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
  }

  /**
   * After a call that ran out of time: no further calls, the context is closed (here when the
   * watchdog has not already handed that to its pool), and the interrupt that stopping a guest in a
   * host call leaves on this thread is cleared, so the caller's own i/o (audit, blobs, files) is
   * not cut short by it.
   */
  private void timedOut() {
    closed.set(true);
    Thread.interrupted();
    stop(true);
    // The guest has left the context, so a close running on the watchdog's pool ends now; the
    // tenant gets its reservations back before the caller sees E9002.
    awaitReleased();
    Thread.interrupted();
  }

  private MosaicException failure(
      PolyglotException e, String component, String function, boolean inTime) {
    String where = "`" + component + "." + function + "`";
    if (!inTime || e.isCancelled() || closed.get() || timedOutInHost(e)) {
      return timeout(component, function);
    }
    if (stackExhausted(e)) {
      return new MosaicException(
          Diagnostic.of(HostCodes.STACK, "call " + where + " exhausted the call stack")
              .withHelp("look for unbounded recursion in the guest"));
    }
    if (e.isHostException() && e.asHostException() instanceof GuestFault f) {
      return new MosaicException(
          HostCodes.TRAP,
          "guest `" + component + "` trapped in `" + function + "`: " + f.getMessage());
    }
    if (e.isHostException() && e.asHostException() instanceof StackOverflowError) {
      // Recursion through a binding's adapter overflows in host frames.
      return stackExhausted(where);
    }
    if (e.isHostException() && e.asHostException() instanceof OutOfMemoryError) {
      return heapExhausted(where);
    }
    if (e.isHostException()) {
      return new MosaicException(HostCodes.TRAP, "a host function failed during " + where);
    }
    String message = String.valueOf(e.getMessage());
    if (e.isResourceExhausted() && isHeapExhaustion(message)) {
      // Truffle reports both heap and stack exhaustion as resource exhaustion.
      return heapExhausted(where);
    }
    if (message.contains("InvalidPathException")) {
      // GraalWasm's WASI parses a guest's path before asking the file system, and stops the guest
      // on a path the JDK cannot hold (a NUL byte); the JDK's text names nothing the user can use.
      return new MosaicException(
          Diagnostic.of(
                  HostCodes.TRAP,
                  "guest `"
                      + component
                      + "` trapped in `"
                      + function
                      + "`: it passed WASI a path with a NUL character")
              .withHelp("WASI paths cannot contain NUL; the guest is at fault"));
    }
    return new MosaicException(
        HostCodes.TRAP,
        "guest `" + component + "` trapped in `" + function + "`: " + e.getMessage());
  }

  private static boolean timedOutInHost(PolyglotException e) {
    return e.isHostException() && e.asHostException() instanceof CallTimedOut;
  }

  /**
   * Whether the guest ran out of stack: in wasm frames (the engine reports it), or in the host
   * frames of a binding adapter or host function on the way (a {@link StackOverflowError}).
   */
  private static boolean stackExhausted(PolyglotException e) {
    if (e.isHostException() && e.asHostException() instanceof StackOverflowError) {
      return true;
    }
    String message = String.valueOf(e.getMessage());
    if (e.isResourceExhausted() && isHeapExhaustion(message)) {
      return false; // the heap, not the stack: E9010
    }
    return e.isResourceExhausted() || isStackExhaustion(message);
  }

  /** What an instantiation that failed in guest code or linking reports. */
  private MosaicException instantiationFailure(
      PolyglotException e, String component, String running, boolean inTime) {
    boolean starting = running != null;
    if (!inTime || e.isCancelled() || closed.get() || timedOutInHost(e)) {
      return instantiationTimeout(component, running);
    }
    if (stackExhausted(e)) {
      return new MosaicException(
          Diagnostic.of(
                  HostCodes.STACK,
                  "instantiating component `" + component + "` exhausted the call stack")
              .withHelp("look for unbounded recursion in the module's start function"));
    }
    if (!starting) {
      return new MosaicException(
          HostCodes.LINK, "cannot instantiate plan: " + String.valueOf(e.getMessage()));
    }
    String reason =
        e.isHostException() && e.asHostException() instanceof GuestFault f
            ? f.getMessage()
            : String.valueOf(e.getMessage());
    return new MosaicException(
        HostCodes.TRAP,
        "guest `"
            + component
            + "` trapped in "
            + ("_initialize".equals(running) ? "`_initialize`" : "its start function")
            + ": "
            + reason);
  }

  /**
   * E9002 for an instantiation that ran out of time; {@code entry} is the export that was running
   * when it did, named in the message when it is one the guest wrote ({@code _initialize}).
   */
  private MosaicException instantiationTimeout(String component, String entry) {
    String what =
        "_initialize".equals(entry)
            ? "`" + component + "._initialize` ran past its limit of "
            : "instantiating component `" + component + "` ran past its limit of ";
    return new MosaicException(
        Diagnostic.of(HostCodes.TIMEOUT, what + callLimitMillis + " ms")
            .withHelp(
                "a module's start function runs under the call limit; raise `max-time` in the"
                    + " tenant block if the work is legitimate"));
  }

  /**
   * Closes what a failed instantiation built, waits until its reservations are released, audits a
   * failure in guest code and returns {@code failure} to throw.
   */
  private RuntimeException instantiationFailed(RuntimeException failure) {
    HostLog.debug(
        "tenant "
            + HostLog.text(tenant.id)
            + " could not instantiate plan "
            + plan.digest()
            + ": "
            + (failure instanceof MosaicException m ? m.code() : failure.getClass().getName()));
    closed.set(true);
    Thread.interrupted();
    stop(true);
    awaitReleased();
    Thread.interrupted();
    if (failure instanceof MosaicException m
        && (m.code().equals(HostCodes.TIMEOUT)
            || m.code().equals(HostCodes.STACK)
            || m.code().equals(HostCodes.TRAP))) {
      tenant.audit(
          AuditEvent.EXECUTION,
          "",
          Map.of(
              "action",
              "instantiate",
              "plan",
              plan.digest(),
              "result",
              "failed",
              "code",
              m.code()));
    }
    return failure;
  }

  private static MosaicException stackExhausted(String where) {
    return new MosaicException(
        Diagnostic.of(HostCodes.STACK, "call " + where + " exhausted the call stack")
            .withHelp("look for unbounded recursion in the guest"));
  }

  /** After the heap ran out, the composition's state can no longer be trusted: it is closed. */
  private MosaicException heapExhausted(String where) {
    close();
    return new MosaicException(
        Diagnostic.of(
                HostCodes.HOST_MEMORY,
                "the host ran out of memory during call " + where + "; the composition is closed")
            .withHelp(
                "lower the host's memory and table limits so that guests are refused before the"
                    + " heap is exhausted"));
  }

  private static boolean isStackExhaustion(String message) {
    return message.contains("call stack exhausted") || message.contains("StackOverflowError");
  }

  private static boolean isHeapExhaustion(String message) {
    return message.contains("OutOfMemoryError")
        || message.contains("heap space")
        || message.contains("exceeds VM limit");
  }

  private MosaicException timeout(String component, String function) {
    return new MosaicException(
        Diagnostic.of(
                HostCodes.TIMEOUT,
                "call `"
                    + component
                    + "."
                    + function
                    + "` ran past its limit of "
                    + callLimitMillis
                    + " ms")
            .withHelp("raise `max-time` in the tenant block if the work is legitimate"));
  }

  private static Object[] lowerArgs(
      Guest guest, AbiSignature sig, List<Object> args, String component, String function) {
    int coreParams = 0;
    for (AbiKind kind : sig.params()) {
      coreParams += kind.inMemory() ? 2 : 1;
    }
    Object[] out = new Object[coreParams];
    int o = 0;
    for (int i = 0; i < args.size(); i++) {
      AbiKind kind = sig.params().get(i);
      Object arg = args.get(i);
      if (kind.inMemory()) {
        byte[] bytes =
            switch (arg) {
              case String s -> s.getBytes(StandardCharsets.UTF_8);
              case byte[] b -> b;
              default ->
                  throw new MosaicException(
                      HostCodes.BAD_CALL,
                      "argument "
                          + (i + 1)
                          + " of `"
                          + component
                          + "."
                          + function
                          + "` must be "
                          + kind.text());
            };
        out[o++] = guest.write(bytes);
        out[o++] = bytes.length;
      } else {
        out[o++] = convert(kind, arg, component, function, i);
      }
    }
    return out;
  }

  private static Object liftResult(Guest guest, AbiSignature sig, Value result) {
    if (sig.result() == null || result == null || result.isNull()) {
      return null;
    }
    return switch (sig.result()) {
      case STRING -> new String(guest.readPacked(result.asLong()), StandardCharsets.UTF_8);
      case BYTES -> guest.readPacked(result.asLong());
      default -> result.fitsInLong() ? (Object) result.asLong() : (Object) result.asDouble();
    };
  }

  private static Object convert(
      AbiKind type, Object arg, String component, String function, int index) {
    if (type == AbiKind.I32 && arg instanceof Integer i) {
      return i; // every int is an i32: the common case needs no range check
    }
    if (type == AbiKind.I64 && (arg instanceof Long || arg instanceof Integer)) {
      return ((Number) arg).longValue();
    }
    String which = "argument " + (index + 1) + " of `" + component + "." + function + "`";
    if (!(arg instanceof Number n)) {
      throw new MosaicException(HostCodes.BAD_CALL, which + " must be a number");
    }
    return switch (type) {
      case I32 -> (int) integer(n, Integer.MIN_VALUE, 0xFFFF_FFFFL, which, type);
      case I64 -> integer(n, Long.MIN_VALUE, Long.MAX_VALUE, which, type);
      case F32 -> n.floatValue();
      case F64 -> n.doubleValue();
      default ->
          throw new MosaicException(
              HostCodes.BAD_CALL, which + " has unsupported type " + type.text());
    };
  }

  /**
   * The exact integer value of {@code n} when it lies in {@code [min, max]}; a fraction, a
   * non-finite float or a value out of range is refused rather than truncated or wrapped (an {@code
   * i32} takes signed and unsigned 32-bit values).
   */
  private static long integer(Number n, long min, long max, String which, AbiKind type) {
    BigDecimal exact;
    try {
      exact =
          switch (n) {
            case Long l -> BigDecimal.valueOf(l);
            case Integer i -> BigDecimal.valueOf(i);
            case Short s -> BigDecimal.valueOf(s);
            case Byte b -> BigDecimal.valueOf(b);
            case BigInteger b -> new BigDecimal(b);
            case BigDecimal d -> d;
            default -> new BigDecimal(n.doubleValue());
          };
    } catch (NumberFormatException e) {
      throw new MosaicException(
          HostCodes.BAD_CALL, which + " is " + type.text() + ", got " + n + ", not an integer");
    }
    if (exact.signum() != 0 && exact.stripTrailingZeros().scale() > 0) {
      throw new MosaicException(
          Diagnostic.of(
                  HostCodes.BAD_CALL,
                  which + " is " + type.text() + ", got " + n + ", which has a fraction")
              .withHelp("pass a whole number; fractions are not truncated"));
    }
    if (exact.compareTo(BigDecimal.valueOf(min)) < 0
        || exact.compareTo(BigDecimal.valueOf(max)) > 0) {
      throw new MosaicException(
          Diagnostic.of(
                  HostCodes.BAD_CALL,
                  which + " is " + type.text() + ", got " + n + ", which is out of its range")
              .withHelp(type.text() + " takes " + min + " to " + max));
    }
    return exact.longValueExact();
  }

  /**
   * Page caps per component with a memory: each module may grow to its declared maximum, the host's
   * per-module cap, and an even share of what the tenant's memory limit leaves, whichever is
   * smallest (modules that need less leave their share to the others).
   */
  private Map<String, Integer> memoryCaps(
      List<Component> order,
      Map<String, PreparedModule> prepared,
      Map<String, ComponentModules> componentModules,
      HostLimits limits) {
    long hostCap = limits.maxModuleMemoryBytes() / PreparedModule.PAGE;
    long budget = plan.plan().limits().maxMemoryBytes() / PreparedModule.PAGE;
    // Each memory: its key (a component, or an inner module of a component), name, initial pages
    // and declared maximum (-1 for none). The inner memories of a component share the budget too.
    record Sized(String key, String name, long initial, long declaredMax) {}
    List<Sized> withMemory = new ArrayList<>();
    for (Component c : order) {
      PreparedModule m = prepared.get(c.id());
      if (m.hasMemory()) {
        withMemory.add(
            new Sized(
                c.id(), "component `" + c.id() + "`", m.initialPages(), m.declaredMaxPages()));
      }
    }
    for (ComponentModules cm : componentModules.values()) {
      for (int i = 0; i < cm.count(); i++) {
        for (WasmInterface.MemoryLimits l : cm.shape(i).memories()) {
          long max = l.max() < 0 || l.max() >= 65_536 ? -1 : l.max();
          withMemory.add(new Sized(cm.key(i), "`" + cm.key(i) + "`", l.initial(), max));
        }
      }
    }
    long initial = 0;
    for (Sized m : withMemory) {
      if (m.initial() > hostCap) {
        throw new MosaicException(
            Diagnostic.of(
                    HostCodes.MEMORY,
                    m.name()
                        + " declares "
                        + m.initial()
                        + " pages of memory, over the host's limit of "
                        + hostCap)
                .withHelp("declare a smaller initial memory in the module"));
      }
      initial += m.initial();
    }
    if (initial > budget) {
      throw new MosaicException(
          Diagnostic.of(
                  HostCodes.MEMORY,
                  "the modules of plan `"
                      + plan.digest()
                      + "` start with "
                      + initial
                      + " pages of memory, over tenant `"
                      + tenant.id
                      + "`'s `max-memory` of "
                      + budget
                      + " pages")
              .withHelp("declare smaller initial memories, or raise `max-memory`"));
    }
    withMemory.sort(
        Comparator.comparingLong(
            m -> m.declaredMax() < 0 ? hostCap : Math.min(m.declaredMax(), hostCap)));
    Map<String, Integer> caps = new LinkedHashMap<>();
    long left = budget;
    for (int i = 0; i < withMemory.size(); i++) {
      Sized m = withMemory.get(i);
      long share = left / (withMemory.size() - i);
      long ceiling = m.declaredMax() < 0 ? hostCap : Math.min(m.declaredMax(), hostCap);
      long cap = Math.max(m.initial(), Math.min(ceiling, share));
      caps.put(m.key(), (int) cap);
      left = Math.max(0, left - cap);
    }
    return caps;
  }

  /**
   * Instantiates a plan component whose blob is a WebAssembly component, in a context of its own:
   * its imports are the instances other components export through the plan's bindings and the WASI
   * host interfaces ({@link WasiComponentHost}); its inner modules get the plan's caps.
   */
  private dev.mosaic.host.component.ComponentInstance instantiateComponent(
      Component c,
      ComponentModules cm,
      Context own,
      Map<String, Integer> caps,
      Map<String, long[]> tableCaps,
      HostLimits limits) {
    Guest guest = new Guest(c, AbiDeclarations.none(), limits.maxTransferBytes(), deadline);
    CapabilityContext ctx = capabilityContext(guest);
    boolean log = plan.policy().decide(c.id(), "log", null).allowed();
    AtomicBoolean noticed = new AtomicBoolean();
    WasiOutput out = new WasiOutput(ctx, "stdout", log, noticed);
    WasiOutput err = new WasiOutput(ctx, "stderr", log, noticed);
    wasiOutputs.add(out);
    wasiOutputs.add(err);
    WasiComponentHost wasi = new WasiComponentHost(ctx, out, err);
    dev.mosaic.host.component.ComponentLinker linker =
        new dev.mosaic.host.component.ComponentLinker() {
          @Override
          public Object resolve(
              dev.mosaic.host.component.ExternName name, dev.mosaic.host.component.Item type) {
            for (Binding b : plan.plan().bindings()) {
              // A WIT import is bound by [importer, NAME, NAME, exporter, EXPORT]
              // (plan-format.md): the validator refused any other import module.
              if (b.importer().equals(c.id())
                  && b.importModule().equals(name.text())
                  && b.importName().equals(name.text())) {
                return ComponentModules.bind(c.id(), b, instances.get(b.exporter()), type);
              }
            }
            return wasi.resolve(name, type);
          }

          @Override
          public CoreModule prepare(dev.mosaic.host.component.Definition.CoreModule module) {
            return cm.prepare(module, caps, tableCaps);
          }
        };
    return dev.mosaic.host.component.ComponentInstance.instantiate(
        cm.binary(),
        dev.mosaic.host.component.ComponentLimits.DEFAULT,
        limits.maxTransferBytes(),
        own,
        linker,
        false);
  }

  /**
   * Element caps for each table of each component: a module's tables together may hold the host's
   * per-module number of elements; each table may grow to its declared maximum or an even share of
   * what its module's cap leaves, whichever is smaller (as for memory). A module with more tables
   * than the host allows, or whose tables start over the cap, is refused before it runs.
   */
  private static Map<String, long[]> tableCaps(
      List<Component> order, Map<String, PreparedModule> prepared, HostLimits limits) {
    // A table maximum is a u32 in the binary.
    long moduleCap = Math.min(limits.maxModuleTableElements(), 0xFFFF_FFFFL);
    Map<String, long[]> caps = new HashMap<>();
    for (Component c : order) {
      List<WasmInterface.TableLimits> tables = prepared.get(c.id()).shape().tables();
      if (tables.size() > limits.maxTablesPerModule()) {
        throw tables(
            c,
            "defines "
                + tables.size()
                + " tables, over the host's limit of "
                + limits.maxTablesPerModule());
      }
      long initial = prepared.get(c.id()).shape().initialTableElements();
      if (initial > moduleCap) {
        throw tables(
            c,
            "starts with "
                + initial
                + " table elements, over the host's limit of "
                + moduleCap
                + " per module");
      }
      Integer[] byCeiling = new Integer[tables.size()];
      for (int i = 0; i < byCeiling.length; i++) {
        byCeiling[i] = i;
      }
      Arrays.sort(byCeiling, Comparator.comparingLong(i -> tableCeiling(tables.get(i), moduleCap)));
      long[] cap = new long[tables.size()];
      long left = moduleCap - initial;
      for (int k = 0; k < byCeiling.length; k++) {
        WasmInterface.TableLimits t = tables.get(byCeiling[k]);
        long room =
            Math.min(tableCeiling(t, moduleCap) - t.initial(), left / (byCeiling.length - k));
        cap[byCeiling[k]] = t.initial() + room;
        left -= room;
      }
      caps.put(c.id(), cap);
    }
    return caps;
  }

  private static long tableCeiling(WasmInterface.TableLimits t, long moduleCap) {
    return t.max() < 0 ? moduleCap : Math.min(t.max(), moduleCap);
  }

  private static MosaicException tables(Component c, String what) {
    return new MosaicException(
        Diagnostic.of(HostCodes.TABLES, "component `" + c.id() + "` " + what)
            .withHelp("declare fewer or smaller tables, or raise the host's table limits"));
  }

  /**
   * The validator compared each module with the plan; the host checks again, so no plan reaches the
   * engine with imports or exports its module does not have.
   */
  private static void checkInterfaces(List<Component> order, Map<String, PreparedModule> prepared) {
    List<Diagnostic> mismatches = new ArrayList<>();
    for (Component c : order) {
      mismatches.addAll(prepared.get(c.id()).shape().mismatches(c));
    }
    if (!mismatches.isEmpty()) {
      throw new MosaicException(mismatches);
    }
  }

  private static long ceiling(PreparedModule m, long hostCap) {
    return m.declaredMaxPages() < 0 ? hostCap : Math.min(m.declaredMaxPages(), hostCap);
  }

  private Source source(Component c, PreparedModule m, Integer cap, long[] tableCap) {
    String key = c.digest() + "@" + cap + "@" + Arrays.toString(tableCap);
    return tenant.source(
        key,
        k -> {
          byte[] bytes = StartFunction.move(plan.blob(c.id())).module();
          boolean memoryChanges = cap != null && cap != m.declaredMaxPages();
          boolean tablesChange = false;
          for (int i = 0; i < tableCap.length; i++) {
            tablesChange |= tableCap[i] != m.shape().tables().get(i).max();
          }
          if (memoryChanges || tablesChange) {
            bytes = MemoryCap.apply(bytes, m.initialPages(), memoryChanges ? cap : null, tableCap);
          }
          return Source.newBuilder("wasm", ByteSequence.create(bytes), c.id())
              .cached(true)
              .buildLiteral();
        });
  }

  private CapabilityContext capabilityContext(Guest guest) {
    return new CapabilityContext(
        tenant,
        guest,
        plan.policy(),
        services.kv(),
        services.http(),
        services.limits(),
        services.guestLog());
  }

  private Map<String, Object> imports(Guest guest) {
    Component c = guest.component();
    Map<String, Object> modules = new TreeMap<>();
    CapabilityContext ctx = capabilityContext(guest);
    ProxyObject host = HostFunctions.link(ctx, c.imports());
    if (host != null) {
      modules.put(Capabilities.MODULE, host);
    }
    Map<String, Map<String, Object>> bound = new TreeMap<>();
    for (Binding b : plan.plan().bindings()) {
      if (b.importer().equals(c.id())) {
        bound
            .computeIfAbsent(b.importModule(), k -> new LinkedHashMap<>())
            .put(
                b.importName(),
                bindingTarget(
                    guest,
                    guests.get(b.exporter()),
                    b.exportName(),
                    contextOf(guest.id()) != contextOf(b.exporter())));
      }
    }
    bound.forEach((k, v) -> modules.put(k, ProxyObject.fromMap(v)));
    return modules;
  }

  /**
   * The value linked for one binding: the export itself when only numbers cross, else an adapter
   * that copies strings and bytes between the two memories.
   */
  private Context contextOf(String component) {
    return wasiContexts.getOrDefault(component, context);
  }

  private static Object bindingTarget(
      Guest importer, Guest exporter, String exportName, boolean acrossContexts) {
    FunctionDecl decl =
        exporter.component().exports().stream()
            .filter(f -> f.name().equals(exportName))
            .findFirst()
            .orElseThrow();
    AbiSignature sig = exporter.abi().declared().get(decl.name());
    Value target = exporter.function(exportName);
    if (sig == null || !sig.usesMemory()) {
      if (!acrossContexts) {
        return target;
      }
      // A value of one context cannot be handed to another: numbers cross as Java numbers.
      return (ProxyExecutable) args -> plain(target.execute(plainArgs(args)));
    }
    int coreParams = sig.lower().params().size();
    return (ProxyExecutable)
        args -> {
          Object[] out = new Object[coreParams];
          int in = 0;
          int o = 0;
          for (AbiKind kind : sig.params()) {
            if (kind.inMemory()) {
              byte[] bytes = importer.read(args[in].asInt(), args[in + 1].asInt());
              in += 2;
              out[o++] = exporter.write(bytes);
              out[o++] = bytes.length;
            } else {
              out[o++] = plain(args[in++]);
            }
          }
          Value result = target.execute(out);
          if (sig.result() == null) {
            return null;
          }
          if (sig.result().inMemory()) {
            return importer.writePacked(exporter.readPacked(result.asLong()));
          }
          return plain(result);
        };
  }

  private static Object[] plainArgs(Value[] args) {
    Object[] out = new Object[args.length];
    for (int i = 0; i < args.length; i++) {
      out[i] = plain(args[i]);
    }
    return out;
  }

  /** A wasm number as a Java number, so it may cross into another context; null for none. */
  private static Object plain(Value v) {
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.fitsInInt()) {
      return v.asInt();
    }
    if (v.fitsInLong()) {
      return v.asLong();
    }
    return v.fitsInFloat() && !v.fitsInDouble() ? v.asFloat() : v.asDouble();
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

  /**
   * Closes the context and releases the tenant's reservations, once: called on the watchdog's pool
   * when a deadline passes, after a call or instantiation that timed out, and by {@link #close()}.
   * With {@code cancel} a guest still running is cancelled (the close then waits until it leaves
   * the host call it may sit in).
   */
  private void stop(boolean cancel) {
    if (stopped.compareAndSet(false, true)) {
      try {
        if (cancel) {
          cancelContexts();
        } else {
          closeContext();
        }
      } finally {
        deadline.forget();
        tenant.detach(this);
        tenant.release(componentCount, reservedBytes, reservedTableElements);
        released.countDown();
      }
      HostLog.debug(
          "tenant "
              + HostLog.text(tenant.id)
              + ": composition of plan "
              + plan.digest()
              + " closed");
    }
  }

  /** Run by the watchdog's pool when a call or instantiation runs past its deadline. */
  private void timeUp() {
    closed.set(true);
    stop(true);
  }

  /** Closes gracefully when no call is running (much cheaper), else cancels the running call. */
  private void closeContext() {
    for (Context c : contexts()) {
      try {
        c.close();
      } catch (IllegalStateException | PolyglotException e) {
        cancel(c);
      }
    }
  }

  /** The composition's context and those of its WASI components. */
  private List<Context> contexts() {
    List<Context> all = new ArrayList<>(wasiContexts.values());
    all.add(context);
    return all;
  }

  private void cancelContexts() {
    for (Context c : contexts()) {
      cancel(c);
    }
  }

  private static void cancel(Context c) {
    try {
      c.close(true);
    } catch (IllegalStateException | PolyglotException e) {
      // Already closed, e.g. by the guest's proc_exit.
    }
  }

  /**
   * Waits until the context is closed and the reservations released; an interrupt ends the wait.
   */
  private void awaitReleased() {
    try {
      released.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Closes the composition and returns once its resources are released (also when the watchdog is
   * closing it at the same moment).
   */
  @Override
  public void close() {
    closed.set(true);
    stop(false);
    awaitReleased();
  }
}
