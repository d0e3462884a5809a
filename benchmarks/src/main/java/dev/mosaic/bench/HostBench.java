package dev.mosaic.bench;

import dev.mosaic.host.Composition;
import dev.mosaic.host.HostLimits;
import dev.mosaic.host.WasmHost;
import dev.mosaic.host.internal.ModuleInspector;
import dev.mosaic.plan.Binding;
import dev.mosaic.plan.Component;
import dev.mosaic.plan.EntryPoint;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.Plan;
import dev.mosaic.plan.PlanValidator;
import dev.mosaic.plan.PolicyRule;
import dev.mosaic.plan.SystemLimits;
import dev.mosaic.plan.TenantLimits;
import dev.mosaic.plan.ValidatedPlan;
import dev.mosaic.plan.store.FileBlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.ByteSequence;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The host's costs: a warm instantiate of one and three linked modules (instantiate plus close, on
 * an engine that has compiled the modules before), a call from Java into the guest, a host call
 * from the guest with and without a parameterized policy check, and how long a guest stuck in
 * {@code loop br 0} takes to stop with a 50 ms limit.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class HostBench {
  private static final int HOST_CALLS = 1_000;

  private Path store;
  private WasmHost host;
  private ValidatedPlan one;
  private ValidatedPlan three;
  private ValidatedPlan hostCalls;
  private ValidatedPlan spinning;
  private Composition warmOne;
  private Composition warmHostCalls;
  private Composition warmUpper;
  private Composition deniedKv;
  private WasmHost auditedHost;
  private String kib;

  /** The same modules on GraalWasm's polyglot API alone, beside Mosaic in the same run. */
  private Engine rawEngine;

  private Context rawContext;
  private Value rawDouble;
  private Value rawUpper;
  private Value rawAlloc;
  private Value rawMemory;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    store = Files.createTempDirectory("mosaic-bench");
    FileBlobStore blobs = new FileBlobStore(store);
    // Rate limits off: the benchmark measures the work, not the throttle.
    host =
        WasmHost.builder()
            .guestLog(line -> {})
            .limits(HostLimits.DEFAULT.withLoadRate(1e9, 1_000_000).withCallRate(1e9, 1_000_000))
            .build();
    one = new PlanBuilder(blobs).component("double", "double").validate(5_000);
    three =
        new PlanBuilder(blobs)
            .component("double", "double")
            .component("quad", "quad")
            .component("octo", "octo")
            .bind("quad", "double", "double")
            .bind("octo", "quad", "quad")
            .bind("octo", "double", "double")
            .validate(5_000);
    hostCalls =
        new PlanBuilder(blobs)
            .component("h", "hostcalls")
            .allow("h", "clock")
            .allow("h", "kv", "cache/*")
            .validate(5_000);
    spinning =
        new PlanBuilder(blobs)
            .component("h", "hostcalls")
            .allow("h", "clock")
            .allow("h", "kv")
            .validate(50);
    ValidatedPlan upper = new PlanBuilder(blobs).component("upper", "upper").validate(5_000);
    ValidatedPlan denied =
        new PlanBuilder(blobs)
            .component("h", "hostcalls")
            .allow("h", "clock")
            .allow("h", "kv", "other/*")
            .validate(5_000);
    auditedHost =
        WasmHost.builder()
            .guestLog(line -> {})
            .auditDirectory(store.resolve("audit"))
            .limits(HostLimits.DEFAULT.withLoadRate(1e9, 1_000_000).withCallRate(1e9, 1_000_000))
            .build();
    warmOne = host.instantiate(one);
    warmHostCalls = host.instantiate(hostCalls);
    warmUpper = host.instantiate(upper);
    deniedKv = auditedHost.instantiate(denied);
    kib = "a".repeat(1024);
    rawEngine = Engine.newBuilder("wasm").option("engine.WarnInterpreterOnly", "true").build();
    rawContext = Context.newBuilder("wasm").engine(rawEngine).build();
    rawDouble = rawExports("double").getMember("double");
    Value upperExports = rawExports("upper");
    rawUpper = upperExports.getMember("upper");
    rawAlloc = upperExports.getMember("alloc");
    rawMemory = upperExports.getMember("memory");
    for (int i = 0; i < 2_000; i++) {
      rawCallFromJava();
      rawCallString1KiB();
      callString1KiB();
      callFromJava();
    }
    for (int i = 0; i < 200; i++) {
      deniedKv.call("h", "kv", List.of(10));
    }
    for (int i = 0; i < 2_000; i++) {
      host.instantiate(three).close();
      warmOne.call("double", "double", List.of(i));
      warmHostCalls.call("h", "clock", List.of(10));
      warmHostCalls.call("h", "kv", List.of(10));
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    warmOne.close();
    warmHostCalls.close();
    warmUpper.close();
    deniedKv.close();
    host.close();
    auditedHost.close();
    rawContext.close();
    rawEngine.close();
    try (var files = Files.walk(store)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** Instantiate and close a one-module composition. */
  @Benchmark
  public boolean instantiateOneModule() {
    Composition c = host.instantiate(one);
    c.close();
    return c.isClosed();
  }

  /** Instantiate and close three modules linked by three bindings. */
  @Benchmark
  public boolean instantiateThreeModules() {
    Composition c = host.instantiate(three);
    c.close();
    return c.isClosed();
  }

  /** One call from Java into a guest export: argument checks, rate limit, watchdog, metrics. */
  @Benchmark
  public Object callFromJava() {
    return warmOne.call("double", "double", List.of(21));
  }

  /** The same export called through GraalWasm's {@code Value.execute} alone: the baseline. */
  @Benchmark
  public Object rawCallFromJava() {
    return rawDouble.execute(21).asInt();
  }

  /**
   * A 1 KiB string through an export declared {@code string -> string}: copied into guest memory
   * (through the guest's {@code alloc}), upper-cased by the guest, copied out and decoded.
   */
  @Benchmark
  public Object callString1KiB() {
    return warmUpper.call("upper", "upper", List.of(kib));
  }

  /**
   * What {@link #callString1KiB} does, written against GraalWasm's polyglot API alone: alloc, a
   * bulk-free copy in (the API has no bulk write), the call, a bulk read out, UTF-8 both ways.
   */
  @Benchmark
  public Object rawCallString1KiB() {
    byte[] in = kib.getBytes(StandardCharsets.UTF_8);
    int ptr = rawAlloc.execute(in.length).asInt();
    for (int i = 0; i + 8 <= in.length; i += 8) {
      long v = 0;
      for (int j = 7; j >= 0; j--) {
        v = (v << 8) | (in[i + j] & 0xFFL);
      }
      rawMemory.writeBufferLong(ByteOrder.LITTLE_ENDIAN, ptr + i, v);
    }
    long packed = rawUpper.execute(ptr, in.length).asLong();
    byte[] out = new byte[(int) packed];
    rawMemory.readBuffer(packed >>> 32, out, 0, out.length);
    return new String(out, StandardCharsets.UTF_8);
  }

  private Value rawExports(String guest) {
    Source source =
        Source.newBuilder("wasm", ByteSequence.create(PlanBuilder.wasm(guest)), guest)
            .cached(true)
            .buildLiteral();
    return rawContext.eval(source).newInstance().getMember("exports");
  }

  /** One guest-to-host call without a policy parameter ({@code clock_now}). */
  @Benchmark
  @OperationsPerInvocation(HOST_CALLS)
  public Object hostCallClock() {
    return warmHostCalls.call("h", "clock", List.of(HOST_CALLS));
  }

  /**
   * One guest-to-host call with a policy check on its parameter ({@code kv_get}: read the key from
   * guest memory, decide against the pattern {@code cache/*}, look the key up).
   */
  @Benchmark
  @OperationsPerInvocation(HOST_CALLS)
  public Object hostCallCheckedKv() {
    return warmHostCalls.call("h", "kv", List.of(HOST_CALLS));
  }

  /**
   * {@code kv_get} on a key the policy denies, with the hash-chained audit log on: every call
   * writes one audit event, so the difference to {@link #hostCallCheckedKv} is what auditing a use
   * costs.
   */
  @Benchmark
  @OperationsPerInvocation(HOST_CALLS)
  public Object hostCallDeniedKvAudited() {
    return deniedKv.call("h", "kv", List.of(HOST_CALLS));
  }

  /** Time until a guest in {@code loop br 0} is stopped, with a 50 ms limit. */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public String stopSpinningGuest() {
    try (Composition c = host.instantiate(spinning)) {
      c.call("h", "spin", List.of());
      throw new IllegalStateException("the guest was not stopped");
    } catch (MosaicException e) {
      return e.code();
    }
  }

  /** Builds validated plans from the guests in resources/bench-wasm. */
  private static final class PlanBuilder {
    private static final String TENANT = "bench";
    private final FileBlobStore blobs;
    private final List<Component> components = new ArrayList<>();
    private final List<Binding> bindings = new ArrayList<>();
    private final List<PolicyRule> policy = new ArrayList<>();

    PlanBuilder(FileBlobStore blobs) {
      this.blobs = blobs;
    }

    PlanBuilder component(String id, String guest) {
      byte[] bytes = wasm(guest);
      ModuleInspector.ModuleInterface shape = ModuleInspector.inspect(guest, bytes);
      components.add(new Component(id, blobs.put(TENANT, bytes), shape.imports(), shape.exports()));
      return this;
    }

    PlanBuilder bind(String importer, String exporter, String export) {
      bindings.add(new Binding(importer, "math", export, exporter, export));
      return this;
    }

    PlanBuilder allow(String component, String capability, String... patterns) {
      policy.add(new PolicyRule(PolicyRule.Effect.ALLOW, component, capability, List.of(patterns)));
      return this;
    }

    ValidatedPlan validate(long maxMillis) {
      Plan plan =
          new Plan(
              Plan.FORMAT_VERSION,
              TENANT,
              components,
              bindings,
              policy,
              new TenantLimits(100, 64L << 20, maxMillis),
              List.<EntryPoint>of());
      return new PlanValidator(SystemLimits.DEFAULT, blobs).validate(plan);
    }

    private static byte[] wasm(String name) {
      try (InputStream in = HostBench.class.getResourceAsStream("/bench-wasm/" + name + ".wasm")) {
        return in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
