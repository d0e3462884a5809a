package dev.mosaic.bench;

import dev.mosaic.host.Composition;
import dev.mosaic.host.HostLimits;
import dev.mosaic.host.WasmHost;
import dev.mosaic.host.component.ComponentState;
import dev.mosaic.host.component.Primitive;
import dev.mosaic.host.component.StringEncoding;
import dev.mosaic.host.component.WitType;
import dev.mosaic.host.component.World;
import dev.mosaic.host.component.abi.ByteArrayMemory;
import dev.mosaic.host.component.abi.CanonicalAbi;
import dev.mosaic.host.component.abi.HandleTable;
import dev.mosaic.host.component.abi.Layouts;
import dev.mosaic.host.component.binary.ComponentReader;
import dev.mosaic.host.component.binary.WorldReader;
import dev.mosaic.plan.Binding;
import dev.mosaic.plan.Component;
import dev.mosaic.plan.EntryPoint;
import dev.mosaic.plan.Plan;
import dev.mosaic.plan.PlanValidator;
import dev.mosaic.plan.SignatureRequirement;
import dev.mosaic.plan.SystemLimits;
import dev.mosaic.plan.TenantLimits;
import dev.mosaic.plan.store.FileBlobStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The component model's costs: lifting and lowering a 1 KiB string and a list of 100 records by the
 * canonical ABI alone (a Java byte array as memory), the same values passed to the C test component
 * through {@link Composition#call}, and a call of the JavaScript test component whose three calls
 * to the C component go through a binding. The components are those wasm-host's build makes
 * (wasm-host/target/test-components, or the directory of {@code -Dmosaic.components}); the same
 * calls under jco on node: benchmarks/components/jco-bench.mjs (docs/performance.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ComponentBench {
  private static final String OPS = "mosaic:calc/ops@0.1.0";
  private static final WitType RECORDS =
      new WitType.ListType(
          new WitType.RecordType(
              List.of(
                  new WitType.Field("name", Primitive.STRING),
                  new WitType.Field("qty", Primitive.U32))));

  private final String kib = "x".repeat(1024);
  private final List<Object> records = new ArrayList<>();
  private final Layouts layouts = new Layouts();
  private final ComponentState state = new ComponentState(new HandleTable(), Set.of(), Map.of());
  private ByteArrayMemory memory;
  private long heap;
  private Path store;
  private WasmHost host;
  private Composition composition;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    for (int i = 0; i < 100; i++) {
      records.add(Map.of("name", "item-" + i, "qty", (long) i));
    }
    memory = new ByteArrayMemory(1 << 20, 0);
    Path dir = Path.of(System.getProperty("mosaic.components", "wasm-host/target/test-components"));
    store = Files.createTempDirectory("mosaic-bench-components");
    FileBlobStore blobs = new FileBlobStore(store);
    Component calc = component(blobs, "calc", dir.resolve("calc.wasm"));
    Component app = component(blobs, "app", dir.resolve("app.wasm"));
    Plan plan =
        new Plan(
            Plan.FORMAT_VERSION,
            "bench",
            List.of(calc, app),
            List.of(new Binding("app", OPS, OPS, "calc", OPS)),
            List.of(),
            new TenantLimits(10, 256L << 20, 60_000),
            List.of(new EntryPoint("app", "run"), new EntryPoint("calc", OPS + "#add")));
    // The default call rate (a host's protection against a tenant's flood) would stop a
    // benchmark loop with E9101; raised here as in HostBench.
    host =
        WasmHost.builder()
            .limits(HostLimits.DEFAULT.withLoadRate(1e9, 1_000_000).withCallRate(1e9, 1_000_000))
            .build();
    composition = host.instantiate(new PlanValidator(SystemLimits.DEFAULT, blobs).validate(plan));
  }

  /** A plan component as the compiler writes it: exports and `wit` from the blob's world. */
  private static Component component(FileBlobStore blobs, String id, Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    World world = WorldReader.read(ComponentReader.read(bytes));
    return new Component(
        id,
        blobs.put("bench", bytes),
        List.of(),
        world.planExports(),
        SignatureRequirement.NONE,
        world.planWit());
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    composition.close();
    host.close();
    try (var files = Files.walk(store)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private CanonicalAbi abi() {
    heap = 0;
    return new CanonicalAbi(
        state,
        memory,
        (oldPtr, oldSize, alignment, size) -> {
          long p = (heap + alignment - 1) & -alignment;
          heap = p + size;
          return p;
        },
        StringEncoding.UTF8,
        layouts,
        16 << 20);
  }

  private Object roundTrip(Object value, WitType type) {
    CanonicalAbi abi = abi();
    List<Object> flat = abi.lowerValues(List.of(value), List.of(type), 16, null);
    return abi.liftValues(new CanonicalAbi.FlatReader(flat), List.of(type), 16).getFirst();
  }

  /** Lowers a 1 KiB string into memory and lifts it back (canonical ABI alone). */
  @Benchmark
  public Object abiString1KiB() {
    return roundTrip(kib, Primitive.STRING);
  }

  /** Lowers a list of 100 records {name: string, qty: u32} and lifts it back. */
  @Benchmark
  public Object abiRecords100() {
    return roundTrip(records, RECORDS);
  }

  /** The C component's concat(1 KiB, ""): a 1 KiB string lowered into it and lifted out. */
  @Benchmark
  public Object callString1KiB() {
    return composition.call("calc", OPS + "#concat", List.of(kib, ""));
  }

  /** The C component's total(list of 100 records). */
  @Benchmark
  public Object callRecords100() {
    return composition.call("calc", OPS + "#total", List.of(records));
  }

  /** The JavaScript component's run, which calls the C component three times through a binding. */
  @Benchmark
  public Object callThroughBinding() {
    return composition.call("app", "run", List.of("world"));
  }
}
