package dev.mosaic.bench;

import dev.mosaic.host.Composition;
import dev.mosaic.host.HostLimits;
import dev.mosaic.host.WasmHost;
import dev.mosaic.host.internal.ModuleInspector;
import dev.mosaic.plan.Component;
import dev.mosaic.plan.EntryPoint;
import dev.mosaic.plan.Plan;
import dev.mosaic.plan.PlanValidator;
import dev.mosaic.plan.SystemLimits;
import dev.mosaic.plan.TenantLimits;
import dev.mosaic.plan.ValidatedPlan;
import dev.mosaic.plan.store.FileBlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The first calls of {@code HostBench.callString1KiB} in a fresh JVM and a fresh host, in blocks:
 * the CPU time per call of each block of 500, while the engine is still compiling, until it has
 * settled. {@code scripts/cpu-bench BLOCKS first-calls}.
 */
final class FirstCalls {
  private static final int PER_BLOCK = 500;

  static void run(int blocks) throws IOException {
    Path store = Files.createTempDirectory("mosaic-first-calls");
    FileBlobStore blobs = new FileBlobStore(store);
    byte[] bytes;
    try (InputStream in = FirstCalls.class.getResourceAsStream("/bench-wasm/upper.wasm")) {
      bytes = in.readAllBytes();
    }
    ModuleInspector.ModuleInterface shape = ModuleInspector.inspect("upper", bytes);
    Component upper =
        new Component("upper", blobs.put("bench", bytes), shape.imports(), shape.exports());
    Plan plan =
        new Plan(
            Plan.FORMAT_VERSION,
            "bench",
            List.of(upper),
            List.of(),
            List.of(),
            new TenantLimits(100, 64L << 20, 5_000),
            List.<EntryPoint>of());
    ValidatedPlan validated = new PlanValidator(SystemLimits.DEFAULT, blobs).validate(plan);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    String kib = "a".repeat(1024);
    StringBuilder out = new StringBuilder();
    try (WasmHost host =
            WasmHost.builder()
                .guestLog(line -> {})
                .limits(
                    HostLimits.DEFAULT.withLoadRate(1e9, 1_000_000).withCallRate(1e9, 1_000_000))
                .build();
        Composition c = host.instantiate(validated)) {
      for (int block = 0; block < blocks; block++) {
        long t0 = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < PER_BLOCK; i++) {
          c.call("upper", "upper", List.of(kib));
        }
        out.append((threads.getCurrentThreadCpuTime() - t0) / PER_BLOCK).append(' ');
      }
    }
    System.out.println("callString1KiB, ns per call in blocks of " + PER_BLOCK + ": " + out);
  }

  private FirstCalls() {}
}
