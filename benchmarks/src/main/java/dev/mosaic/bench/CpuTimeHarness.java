package dev.mosaic.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The HostBench and PlanBench operations timed by this thread's CPU time instead of wall time, in
 * interleaved rounds (so Mosaic and raw GraalWasm run side by side), with the median per operation
 * printed. On a machine shared with other busy processes, CPU time of the calling thread moves far
 * less than wall time, which is what JMH reports. Run with {@code scripts/cpu-bench [rounds]}; with
 * {@code scripts/cpu-bench ROUNDS writes} it times the {@link MemoryWriteBench} variants instead,
 * with {@code scripts/cpu-bench BLOCKS first-calls} the first calls of a fresh host ({@link
 * FirstCalls}).
 */
public final class CpuTimeHarness {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    if (args.length > 1 && args[1].equals("writes")) {
      writes(rounds);
      return;
    }
    if (args.length > 1 && args[1].equals("first-calls")) {
      FirstCalls.run(rounds);
      return;
    }
    HostBench host = new HostBench();
    host.setUp();
    Map<String, Op> ops = new LinkedHashMap<>();
    ops.put("rawCallFromJava", new Op(host::rawCallFromJava, 20_000, 1));
    ops.put("callFromJava", new Op(host::callFromJava, 20_000, 1));
    ops.put("rawCallString1KiB", new Op(host::rawCallString1KiB, 2_000, 1));
    ops.put("callString1KiB", new Op(host::callString1KiB, 2_000, 1));
    ops.put("hostCallCheckedKv", new Op(host::hostCallCheckedKv, 20, 1_000));
    ops.put("hostCallDeniedKvAudited", new Op(host::hostCallDeniedKvAudited, 2, 1_000));
    for (String shape : List.of("typical", "c10", "c100", "c1000", "maximal")) {
      PlanBench plans = new PlanBench();
      plans.shape = shape;
      plans.setUp();
      int reps = shape.equals("maximal") || shape.equals("c1000") ? 3 : 300;
      ops.put("decodeAndValidate " + shape, new Op(plans::decodeAndValidate, reps, 1));
      ops.put("decodeAndValidateCold " + shape, new Op(plans::decodeAndValidateCold, reps, 1));
    }
    time(ops, rounds);
    host.tearDown();
  }

  /**
   * The {@link MemoryWriteBench} variants for 64 B, 1 KiB and 16 KiB, side by side; each variant's
   * result is checked byte for byte before timing.
   */
  private static void writes(int rounds) {
    Map<String, Op> ops = new LinkedHashMap<>();
    List<MemoryWriteBench> benches = new ArrayList<>();
    for (int size : List.of(64, 1024, 16384)) {
      for (int contexts : List.of(1, 3)) {
        MemoryWriteBench b = new MemoryWriteBench();
        b.size = size;
        b.contexts = contexts;
        b.setUp();
        benches.add(b);
        System.out.printf(
            Locale.ROOT,
            "first helper instantiation (%d B, %d contexts): %.0f us%n",
            size,
            contexts,
            b.firstHelperNanos / 1e3);
        int reps = Math.max(20, 200_000 / size);
        Map<String, Supplier<Object>> variants = new LinkedHashMap<>();
        variants.put("bytes", b::bytes);
        variants.put("longs", b::longs);
        variants.put("longsEntered", b::longsEntered);
        variants.put("helper8", b::helper8);
        variants.put("helper16", b::helper16);
        variants.put("helper32", b::helper32);
        variants.put("helper64", b::helper64);
        variants.put("helper128", b::helper128);
        for (var v : variants.entrySet()) {
          v.getValue().get();
          b.verify();
          ops.put(v.getKey() + " " + size + " x" + contexts, new Op(v.getValue(), reps, 1));
        }
      }
    }
    String only = System.getenv("MOSAIC_BENCH_ONLY");
    if (only != null) {
      ops.keySet().removeIf(k -> !k.matches(only));
    }
    // On an engine of its own: the instances it makes would change the code the others measure.
    MemoryWriteBench instantiating = new MemoryWriteBench();
    instantiating.size = 64;
    instantiating.contexts = 1;
    instantiating.setUp();
    benches.add(instantiating);
    ops.put("instantiateHelper", new Op(instantiating::instantiateHelper, 50, 1));
    time(ops, rounds);
    benches.forEach(MemoryWriteBench::tearDown);
  }

  private static void time(Map<String, Op> ops, int rounds) {
    Map<String, List<Double>> nanos = new LinkedHashMap<>();
    ops.keySet().forEach(k -> nanos.put(k, new ArrayList<>()));
    for (int round = 0; round < rounds; round++) {
      for (var e : ops.entrySet()) {
        Op op = e.getValue();
        long t0 = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < op.reps(); i++) {
          op.body().get();
        }
        long t = THREADS.getCurrentThreadCpuTime() - t0;
        nanos.get(e.getKey()).add(t / (double) op.reps() / op.perInvocation());
      }
    }
    System.out.printf(Locale.ROOT, "%-32s %14s %14s%n", "operation", "median ns", "min ns");
    // The first third of the rounds warms up; the median is taken over the rest.
    for (var e : nanos.entrySet()) {
      if (System.getenv("MOSAIC_BENCH_ROUNDS") != null) {
        System.out.println(
            e.getKey() + " per round: " + e.getValue().stream().map(Math::round).toList());
      }
      List<Double> kept = new ArrayList<>(e.getValue().subList(rounds / 3, rounds));
      kept.sort(null);
      System.out.printf(
          Locale.ROOT,
          "%-32s %14.0f %14.0f%n",
          e.getKey(),
          kept.get(kept.size() / 2),
          kept.getFirst());
    }
  }

  private record Op(Supplier<Object> body, int reps, int perInvocation) {}

  private CpuTimeHarness() {}
}
