package dev.mosaic.bench;

import dev.mosaic.host.Composition;
import dev.mosaic.host.HostLimits;
import dev.mosaic.interpreter.Mosaic;
import dev.mosaic.plan.Plan;
import dev.mosaic.plan.TenantLimits;
import dev.mosaic.plan.ValidatedPlan;
import dev.mosaic.plan.store.FileBlobStore;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Heap and resident memory per live composition of the hello example: compiles {@code
 * examples/hello/hello.mosaic}, instantiates it N times (keeping every composition alive, one call
 * each), and prints the heap after a full GC and the process's {@code VmRSS} at each step. Run with
 * {@code scripts/memory-per-composition [N...]}.
 */
public final class MemoryHarness {
  public static void main(String[] args) throws Exception {
    List<Integer> steps = new ArrayList<>();
    for (String a : args) {
      steps.add(Integer.parseInt(a));
    }
    if (steps.isEmpty()) {
      steps = List.of(100, 500, 999);
    }
    int max = steps.stream().mapToInt(Integer::intValue).max().orElseThrow();
    HostLimits limits =
        HostLimits.DEFAULT
            .withMaxCompositionsPerTenant(max + 1)
            .withLoadRate(1e9, 1_000_000)
            .withCallRate(1e9, 1_000_000)
            .withMaxTenantMemoryBytes(Long.MAX_VALUE / 4);
    Path store = Files.createTempDirectory("mosaic-memory");
    try (Mosaic mosaic =
        Mosaic.builder()
            .blobStore(new FileBlobStore(store))
            .hostLimits(limits)
            .guestLog(line -> {})
            .build()) {
      var compiled = mosaic.compile(Path.of("examples/hello/hello.mosaic")).orThrow();
      // The script's tenant block allows 100 live components; raised so N compositions fit.
      Plan p = compiled.plan();
      Plan raised =
          new Plan(
              p.formatVersion(),
              p.tenant(),
              p.components(),
              p.bindings(),
              p.policy(),
              new TenantLimits(
                  max + 1, p.limits().maxMemoryBytes(), p.limits().maxExecutionMillis()),
              p.entryPoints());
      ValidatedPlan plan = mosaic.load(mosaic.encode(raised));
      // One composition made and closed first, so the engine, its code and caches are counted in
      // the baseline, not in the compositions.
      try (Composition first = mosaic.instantiate(plan)) {
        first.call("hello", "greet", List.of(20, 22));
      }
      long heap0 = heapAfterGc();
      long rss0 = rss();
      System.out.printf(
          Locale.ROOT,
          "%8s %12s %12s %14s %14s%n",
          "live",
          "heap MiB",
          "RSS MiB",
          "heap/comp KiB",
          "RSS/comp KiB");
      System.out.printf(
          Locale.ROOT,
          "%8d %12.1f %12.1f %14s %14s%n",
          0,
          heap0 / 1048576.0,
          rss0 / 1048576.0,
          "-",
          "-");
      List<Composition> live = new ArrayList<>();
      for (int n : steps) {
        while (live.size() < n) {
          Composition c = mosaic.instantiate(plan);
          c.call("hello", "greet", List.of(20, 22));
          live.add(c);
        }
        long heap = heapAfterGc();
        long rss = rss();
        System.out.printf(
            Locale.ROOT,
            "%8d %12.1f %12.1f %14.1f %14.1f%n",
            n,
            heap / 1048576.0,
            rss / 1048576.0,
            (heap - heap0) / 1024.0 / n,
            (rss - rss0) / 1024.0 / n);
      }
      long perComposition = (heapAfterGc() - heap0) / live.size();
      System.out.printf(
          Locale.ROOT,
          "a 1 GiB heap holds about %,d live compositions (heap only, past the baseline)%n",
          ((1L << 30) - heap0) / Math.max(1, perComposition));
      live.forEach(Composition::close);
    } finally {
      try (var files = Files.walk(store)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static long heapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** The resident set of this process, from {@code /proc/self/status}, in bytes. */
  private static long rss() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    return -1;
  }

  private MemoryHarness() {}
}
