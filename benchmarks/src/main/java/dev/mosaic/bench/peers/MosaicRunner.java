package dev.mosaic.bench.peers;

import dev.mosaic.host.Composition;
import dev.mosaic.host.WasmHost;
import dev.mosaic.host.internal.ModuleInspector;
import dev.mosaic.plan.Component;
import dev.mosaic.plan.Plan;
import dev.mosaic.plan.PlanValidator;
import dev.mosaic.plan.PolicyRule;
import dev.mosaic.plan.SystemLimits;
import dev.mosaic.plan.TenantLimits;
import dev.mosaic.plan.ValidatedPlan;
import dev.mosaic.plan.store.FileBlobStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Mosaic as a user runs it: the workload becomes a one-component plan, is validated, instantiated
 * on the shared GraalWasm engine (optimizing runtime) and called through {@link Composition}.
 */
final class MosaicRunner implements PeerRuntime {
  private final WasmHost host = WasmHost.builder().guestLog(line -> {}).build();
  private final FileBlobStore store;
  private final List<Composition> open = new ArrayList<>();

  MosaicRunner() throws Exception {
    store = new FileBlobStore(Files.createTempDirectory("mosaic-peers"));
  }

  @Override
  public String name() {
    return "mosaic";
  }

  @Override
  public LongSupplier prepare(Workload w) {
    byte[] wasm = w.wasm();
    String digest = store.put("bench", wasm);
    var shape = ModuleInspector.inspect(w.file, wasm);
    Plan plan =
        new Plan(
            Plan.FORMAT_VERSION,
            "bench",
            List.of(new Component(w.file, digest, shape.imports(), shape.exports())),
            List.of(),
            PeerPolicy.rules(w.file),
            new TenantLimits(10, 1L << 30, 600_000),
            List.of());
    ValidatedPlan validated = new PlanValidator(SystemLimits.DEFAULT, store).validate(plan);
    Composition c = host.instantiate(validated);
    open.add(c);
    if (w.setup != null) {
      c.call(w.file, w.setup, objects(w.setupArgs));
    }
    List<Object> args = objects(w.args);
    return () -> ((Number) c.call(w.file, w.export, args)).longValue() & 0xFFFF_FFFFL;
  }

  private static List<Object> objects(int[] values) {
    List<Object> out = new ArrayList<>();
    for (int v : values) {
      out.add(v);
    }
    return out;
  }

  @Override
  public void close() {
    open.forEach(Composition::close);
    host.close();
    deleteQuietly(store.root());
  }

  private static void deleteQuietly(Path root) {
    try (var files = Files.walk(root)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (java.io.IOException e) {
      // a temp directory left behind is harmless
    }
  }

  /** Policy for the workloads: only the host-call workload is granted what it calls. */
  static final class PeerPolicy {
    private PeerPolicy() {}

    static List<PolicyRule> rules(String component) {
      return component.equals(Workload.HOSTCALLS.file)
          ? List.of(new PolicyRule(PolicyRule.Effect.ALLOW, component, "clock", List.of()))
          : List.of();
    }
  }
}
