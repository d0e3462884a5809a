package dev.mosaic.host;

import dev.mosaic.host.abi.AbiSignature;
import dev.mosaic.host.capability.CapabilityContext;
import dev.mosaic.host.capability.WasiComponentHost;
import dev.mosaic.host.capability.WasiOutput;
import dev.mosaic.host.internal.AbiAdapters;
import dev.mosaic.host.internal.ComponentModules;
import dev.mosaic.host.internal.CompositionLifecycle;
import dev.mosaic.host.internal.CompositionLinker;
import dev.mosaic.host.internal.Deadline;
import dev.mosaic.host.internal.Guest;
import dev.mosaic.host.internal.InstantiationOrder;
import dev.mosaic.host.internal.MemoryBudget;
import dev.mosaic.host.internal.PreparedModule;
import dev.mosaic.plan.Component;
import dev.mosaic.plan.FunctionDecl;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.ValidatedPlan;
import dev.mosaic.plan.audit.AuditEvent;
import dev.mosaic.plan.diag.Diagnostic;
import dev.mosaic.plan.wasm.WasmInterface;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * The running components of one plan, each with its own linear memory, linked by the plan's
 * bindings. Capabilities are linked only where the policy grants them. Calls are serialized;
 * instantiation (which runs the modules' {@code start} functions) and every call run under the
 * wall-time limit, and one that runs past it is stopped and closes the composition (E9002).
 *
 * <p>Thread-safety: thread-safe. Calls are serialized (one guest call at a time in a composition);
 * {@link #close()} may be called from any thread, also while a call runs (the call is cancelled and
 * throws E9008). Closing the host closes its compositions: their calls, running or not, then throw
 * E9008.
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

  /** Set once instantiation ended: guest code run before then runs under its deadline. */
  private volatile boolean instantiated;

  private final Deadline deadline;
  private final CompositionLifecycle lifecycle;

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
    List<Component> order = InstantiationOrder.instantiationOrder(plan);
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
    MemoryBudget.checkInterfaces(modules, prepared);
    Map<String, Integer> caps =
        MemoryBudget.memoryCaps(plan, tenant, modules, prepared, componentModules, limits);
    long reserve = MemoryBudget.reservedBytes(caps);
    Map<String, long[]> tableCaps = MemoryBudget.tableCaps(modules, prepared, limits);
    for (ComponentModules cm : componentModules.values()) {
      tableCaps.putAll(cm.tableCaps(limits));
    }
    long tableReserve = MemoryBudget.reservedTableElements(tableCaps);
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
        CompositionLifecycle.cancel(built);
      }
      for (WasiOutput o : wasiOutputs) {
        o.close();
      }
      tenant.release(componentCount, reservedBytes, reservedTableElements);
      throw e;
    }
    this.context = built;
    this.deadline = armedDeadline;
    this.lifecycle =
        new CompositionLifecycle(
            closed,
            context,
            wasiContexts,
            deadline,
            () -> {
              tenant.detach(this);
              tenant.release(componentCount, reservedBytes, reservedTableElements);
              // Components' open directory listings.
              for (WasiOutput o : wasiOutputs) {
                o.close();
              }
            },
            () ->
                HostLog.debug(
                    "tenant "
                        + HostLog.text(tenant.id)
                        + ": composition of plan "
                        + plan.digest()
                        + " closed"));
    CompositionLinker linker =
        new CompositionLinker(
            plan,
            tenant,
            tenant.engine,
            tenant::source,
            this::capabilityContext,
            context,
            deadline,
            wasiContexts,
            wasiOutputs,
            guests,
            instances);
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
            instances.put(
                c.id(),
                linker.instantiateComponent(
                    c, cm, own, caps, tableCaps, limits, this::outsideCall));
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
        Context guestContext = linker.contextFor(guest);
        Value module =
            guestContext.eval(linker.source(c, m, caps.get(c.id()), tableCaps.get(c.id())));
        Value instance = module.newInstance(ProxyObject.fromMap(linker.imports(guest)));
        guest.bind(instance.getMember("exports"));
        guest.copyIn(guestContext);
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
        for (String entry : CompositionLinker.entries(m, guest)) {
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
      lifecycle.stop(true);
      lifecycle.awaitReleased();
      throw e;
    }
    instantiated = true;
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
      throw closedComposition();
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
    return enter(
        component,
        function,
        () -> {
          Object[] wasmArgs = AbiAdapters.lowerArgs(guest, sig, args, component, function);
          Value result = guest.function(function).execute(wasmArgs);
          return AbiAdapters.liftResult(guest, sig, result);
        });
  }

  /**
   * The WIT type of a component's exported function ({@code run}, {@code
   * mosaic:calc/ops@0.1.0#sum}), or null when {@code component} is a core module or exports no such
   * function. Callers that hold values as text (WAVE) read them against its parameter types.
   */
  public dev.mosaic.host.component.FuncSig witSignature(String component, String function) {
    dev.mosaic.host.component.ComponentInstance instance = instances.get(component);
    if (instance == null) {
      return null;
    }
    dev.mosaic.host.component.ComponentFunction f = exportedFunction(instance, function);
    return f == null ? null : f.sig();
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
    dev.mosaic.host.component.ComponentFunction f =
        exportedFunction(instances.get(component), function);
    if (f == null) {
      throw new MosaicException(
          HostCodes.BAD_CALL, "component `" + component + "` has no export `" + function + "`");
    }
    return enter(component, function, () -> f.call(args));
  }

  /** E9008 for a call on a closed composition, or on one whose host is closed. */
  private MosaicException closedComposition() {
    return closedComposition(
        "a call that times out closes its composition; instantiate the plan again");
  }

  /** E9008: the host is closed, else this composition is, for the reason {@code help} gives. */
  private MosaicException closedComposition(String help) {
    if (tenant.isClosed()) {
      return WasmHost.closedError();
    }
    return new MosaicException(
        Diagnostic.of(HostCodes.CLOSED, "composition of plan `" + plan.digest() + "` is closed")
            .withHelp(help));
  }

  /**
   * Runs a component's guest code that the host enters outside a call: the destructor of a resource
   * the embedder drops ({@code ResourceValue.drop()}) runs as a call of its own, with the call
   * rate, the deadline and the failure tail of every call, and never beside another call. Within a
   * call of this composition (the guest dropped its own handle), or while the plan is instantiated,
   * the code runs at once, under the deadline already armed.
   */
  private void outsideCall(String component, String name, Runnable guestCode) {
    if (Thread.holdsLock(this) || !instantiated) {
      guestCode.run();
      return;
    }
    synchronized (this) {
      if (closed.get()) {
        throw closedComposition();
      }
      enter(
          component,
          name,
          () -> {
            guestCode.run();
            return null;
          });
    }
  }

  /**
   * What a call runs in the guest: lowering its arguments, the guest's code, lifting its result.
   */
  @FunctionalInterface
  private interface GuestCall {
    Object run();
  }

  /**
   * Runs one call into a guest, core module or component alike: takes the tenant's call rate, arms
   * the deadline, and maps every way the call can end to what the caller gets. A guest that exits
   * returns or throws as {@link #exit} says; one stopped from outside is E9002 past its deadline
   * and E9008 when its composition or host was closed under it; a trap, a stack or heap exhausted
   * is its own code. Every failure of the guest's is logged, timed and audited here, once; a
   * malformed call (E9004) is timed and thrown.
   */
  private Object enter(String component, String function, GuestCall call) {
    takeCall();
    long start = System.nanoTime();
    Deadline.Token token = deadline.arm(TimeUnit.MILLISECONDS.toNanos(callLimitMillis));
    MosaicException failure;
    try {
      Object out = call.run();
      if (deadline.disarm(token)) {
        if (closed.get()) {
          // Closed under the call as its result came back: the caller gets the result once the
          // tenant has its reservations back, as after a failure.
          lifecycle.awaitReleased();
        }
        record(start, "ok");
        return out;
      }
      // The deadline passed as the call returned; the watchdog is closing the composition.
      failure = stopped(component, function, false);
    } catch (PolyglotException e) {
      if (e.isExit()) {
        deadline.disarm(token);
        drainOutput();
        return exit(component, function, e.getExitStatus());
      }
      if (e.isHostException() && e.asHostException() instanceof WasiComponentHost.Exit x) {
        deadline.disarm(token);
        drainOutput();
        return exit(component, function, x.status);
      }
      failure = failure(e, component, function, deadline.disarm(token));
    } catch (WasiComponentHost.Exit e) {
      deadline.disarm(token);
      drainOutput();
      return exit(component, function, e.status);
    } catch (CallTimedOut e) {
      // A host call saw the deadline pass, perhaps a moment before the watchdog did.
      deadline.disarm(token);
      failure = stopped(component, function, false);
    } catch (IllegalStateException e) {
      // The context was closed between the start of the call and the guest's entry.
      boolean inTime = deadline.disarm(token);
      if (inTime && !closed.get()) {
        record(start, "error");
        throw e;
      }
      failure = stopped(component, function, inTime);
    } catch (GuestFault e) {
      boolean inTime = deadline.disarm(token);
      failure =
          inTime && !closed.get()
              ? new MosaicException(
                  HostCodes.TRAP,
                  "guest `" + component + "` trapped in `" + function + "`: " + e.getMessage())
              : stopped(component, function, inTime);
    } catch (MosaicException e) {
      boolean inTime = deadline.disarm(token);
      if (!inTime || closed.get()) {
        failure = stopped(component, function, inTime);
      } else if (HostCodes.BAD_CALL.equals(e.code())) {
        record(start, e.code());
        throw e;
      } else {
        // A component that broke the canonical ABI (E9001), reported by the component's code.
        failure = e;
      }
    } catch (RuntimeException e) {
      deadline.disarm(token);
      record(start, "error");
      throw e;
    } finally {
      deadline.disarm(token);
      drainOutput();
    }
    if (HostCodes.TIMEOUT.equals(failure.code()) || HostCodes.CLOSED.equals(failure.code())) {
      timedOut();
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
   * What a call stopped from outside the guest reports: E9008 when the host or the composition's
   * owner closed it under the call, E9002 when its deadline passed ({@code inTime} false, or a host
   * call saw no time left).
   */
  private MosaicException stopped(String component, String function, boolean inTime) {
    if (tenant.isClosed() || (inTime && closed.get())) {
      return closedComposition(
          "the composition was closed while the call ran; instantiate the plan again");
    }
    return timeout(component, function);
  }

  /**
   * A component's exported function by its {@code Composition.call} name: {@code run} for one the
   * component exports itself, {@code interface#function} for one of an exported interface; null
   * when there is none.
   */
  private static dev.mosaic.host.component.ComponentFunction exportedFunction(
      dev.mosaic.host.component.ComponentInstance instance, String function) {
    int hash = function.indexOf('#');
    return hash < 0
        ? instance.function(null, function)
        : instance.function(function.substring(0, hash), function.substring(hash + 1));
  }

  /** Takes one call from the tenant's rate limit, or throws its limit hit (E9101). */
  private void takeCall() {
    if (!tenant.calls.tryTake()) {
      throw tenant.limitHit(
          "calls",
          HostCodes.CALL_RATE,
          "tenant `" + tenant.id + "` calls faster than its rate limit",
          "wait and retry, or raise the host's call rate");
    }
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
    lifecycle.stop(true);
    // The guest has left the context, so a close running on the watchdog's pool ends now; the
    // tenant gets its reservations back before the caller sees E9002.
    lifecycle.awaitReleased();
    Thread.interrupted();
  }

  private MosaicException failure(
      PolyglotException e, String component, String function, boolean inTime) {
    String where = "`" + component + "." + function + "`";
    if (timedOutInHost(e)) {
      return stopped(component, function, false);
    }
    if (!inTime || e.isCancelled() || closed.get()) {
      return stopped(component, function, inTime);
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
   * when it did, named in the message when it is one the guest wrote ({@code _initialize}). E9008
   * when the host was closed under it instead, as for a call.
   */
  private MosaicException instantiationTimeout(String component, String entry) {
    if (tenant.isClosed()) {
      // Not out of time: closing the host cancelled the tenant's engine, and the guest with it.
      return WasmHost.closedError();
    }
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
    lifecycle.stop(true);
    lifecycle.awaitReleased();
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

  /** Run by the watchdog's pool when a call or instantiation runs past its deadline. */
  private void timeUp() {
    lifecycle.timeUp();
  }

  /**
   * Closes the composition and returns once its resources are released (also when the watchdog is
   * closing it at the same moment).
   */
  @Override
  public void close() {
    closed.set(true);
    if (Thread.holdsLock(this)) {
      // Closed from inside a call of this composition, on the call's own thread (a host function
      // the guest called, such as the embedder's log sink): a context cannot be closed from inside
      // itself, and waiting here for the guest to leave would never end. Another thread cancels
      // the guest, which stops when this host function returns; the call then ends E9008.
      Thread.ofPlatform().daemon().name("mosaic-close").start(() -> lifecycle.stop(true));
      return;
    }
    lifecycle.stop(false);
    lifecycle.awaitReleased();
  }
}
