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
 * less than wall time, which is what JMH reports. Run with {@code scripts/cpu-bench [rounds]}.
 */
public final class CpuTimeHarness {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
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
      List<Double> kept = new ArrayList<>(e.getValue().subList(rounds / 3, rounds));
      kept.sort(null);
      System.out.printf(
          Locale.ROOT,
          "%-32s %14.0f %14.0f%n",
          e.getKey(),
          kept.get(kept.size() / 2),
          kept.getFirst());
    }
    host.tearDown();
  }

  private record Op(Supplier<Object> body, int reps, int perInvocation) {}

  private CpuTimeHarness() {}
}
