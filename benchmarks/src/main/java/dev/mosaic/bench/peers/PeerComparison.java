package dev.mosaic.bench.peers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Runs the same wasm workloads on Mosaic (GraalWasm, optimizing runtime), Chicory and Node's V8 in
 * one go and prints each median time and its ratio to Node. Started by {@code
 * scripts/compare-peers}.
 *
 * <p>Each runtime's first call is timed on its own (it includes compiling the module), then the
 * runtime is warmed up (by default until 40 calls or 20 s, whichever comes first) and timed over a
 * fixed number of calls; the median is reported. Results must agree across runtimes, or the run
 * fails. Options: {@code --only sha256,keccak}, {@code --runtimes node,mosaic,graalwasm,chicory}
 * (run in that order), {@code --warmup N}, {@code --iterations N}, {@code --chicory-kernels true},
 * {@code --kernels DIR}.
 */
public final class PeerComparison {
  record Timing(
      String workload,
      String runtime,
      double firstMs,
      double tenthMs,
      double medianMs,
      double minMs,
      long result) {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = options(args);
    Path workloads =
        Path.of(opts.getOrDefault("--workloads", "benchmarks/src/main/resources/workloads"));
    int warmup = Integer.parseInt(opts.getOrDefault("--warmup", "40"));
    int iterations = Integer.parseInt(opts.getOrDefault("--iterations", "10"));
    int chicoryIterations = Integer.parseInt(opts.getOrDefault("--chicory-iterations", "3"));
    String node = opts.getOrDefault("--node", "node");
    Path nodeScript =
        Path.of(opts.getOrDefault("--node-script", "benchmarks/peers/node-bench.mjs"));
    Workload.kernelDir = Path.of(opts.getOrDefault("--kernels", "benchmarks/target/kernels"));
    List<String> runtimes =
        List.of(opts.getOrDefault("--runtimes", "node,mosaic,graalwasm,chicory").split(","));
    List<Workload> selected = new ArrayList<>();
    Set<String> only =
        opts.containsKey("--only") ? Set.of(opts.get("--only").split(",")) : Set.of();
    for (Workload w : Workload.values()) {
      if (only.isEmpty() || only.contains(w.label())) {
        selected.add(w);
      }
    }
    boolean chicoryKernels = Boolean.parseBoolean(opts.getOrDefault("--chicory-kernels", "false"));

    List<Timing> timings = new ArrayList<>();
    for (String runtime : runtimes) {
      switch (runtime) {
        case "node" ->
            timings.addAll(node(node, nodeScript, workloads, selected, warmup, iterations));
        case "mosaic" -> {
          try (MosaicRunner mosaic = new MosaicRunner()) {
            for (Workload w : selected) {
              timings.add(time(mosaic, w, warmup, iterations));
            }
          }
        }
        case "graalwasm" -> {
          try (GraalRunner graal = new GraalRunner()) {
            for (Workload w : selected) {
              timings.add(time(graal, w, warmup, iterations));
            }
          }
        }
        case "chicory" -> {
          try (ChicoryRunner chicory = new ChicoryRunner()) {
            for (Workload w : selected) {
              if (!w.kernel || chicoryKernels) {
                timings.add(time(chicory, w, 1, chicoryIterations));
              }
            }
          }
        }
        default -> throw new IllegalArgumentException("unknown runtime: " + runtime);
      }
    }
    print(timings);
  }

  /**
   * Instantiates the workload, times its first call (the cost before any compiled code exists),
   * warms it up (by default until 40 calls or 20 s; the tenth call is timed alone) and times a
   * fixed number of further calls.
   */
  static Timing time(PeerRuntime runtime, Workload w, int warmup, int iterations) throws Exception {
    LongSupplier call = runtime.prepare(w);
    long t0 = System.nanoTime();
    long first = call.getAsLong();
    double firstMs = (System.nanoTime() - t0) / 1e6;
    long deadline = System.nanoTime() + 20_000_000_000L;
    double tenthMs = Double.NaN;
    for (int i = 1; i < Math.max(warmup, 10) && System.nanoTime() < deadline; i++) {
      long ti = System.nanoTime();
      call.getAsLong();
      if (i == 9) {
        tenthMs = (System.nanoTime() - ti) / 1e6;
      }
    }
    double[] ms = new double[iterations];
    long result = first;
    for (int i = 0; i < iterations; i++) {
      long t1 = System.nanoTime();
      result = call.getAsLong();
      ms[i] = (System.nanoTime() - t1) / 1e6;
      if (result != first) {
        throw new IllegalStateException(w.label() + " on " + runtime.name() + " is not stable");
      }
    }
    Arrays.sort(ms);
    return new Timing(
        w.label(), runtime.name(), firstMs, tenthMs, ms[iterations / 2], ms[0], result);
  }

  static List<Timing> node(
      String node, Path script, Path workloads, List<Workload> selected, int warmup, int iterations)
      throws IOException, InterruptedException {
    StringBuilder names = new StringBuilder();
    for (Workload w : selected) {
      names.append(names.isEmpty() ? "" : ",").append(w.label());
    }
    Process p =
        new ProcessBuilder(
                node,
                script.toString(),
                workloads.toString(),
                "" + warmup,
                "" + iterations,
                Workload.kernelDir.toString(),
                names.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException("node failed");
    }
    ObjectMapper json = new ObjectMapper();
    List<Timing> timings = new ArrayList<>();
    for (String line : out.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode n = json.readTree(line);
      timings.add(
          new Timing(
              n.get("workload").asText(),
              "node",
              n.get("first_ms").asDouble(),
              n.path("tenth_ms").asDouble(Double.NaN),
              n.get("median_ms").asDouble(),
              n.get("min_ms").asDouble(),
              n.get("result").asLong()));
    }
    return timings;
  }

  static void print(List<Timing> timings) {
    Map<String, Timing> nodeByWorkload = new LinkedHashMap<>();
    timings.stream()
        .filter(t -> t.runtime().equals("node"))
        .forEach(t -> nodeByWorkload.put(t.workload(), t));
    System.out.printf(
        Locale.ROOT,
        "%-10s %-10s %12s %12s %12s %12s %10s %10s%n",
        "workload",
        "runtime",
        "first ms",
        "10th ms",
        "median ms",
        "min ms",
        "x node",
        "first x");
    boolean agree = true;
    for (String w : nodeByWorkload.keySet()) {
      Timing ref = nodeByWorkload.get(w);
      for (Timing t : timings) {
        if (!t.workload().equals(w)) {
          continue;
        }
        agree &= t.result() == ref.result();
        System.out.printf(
            Locale.ROOT,
            "%-10s %-10s %12.3f %12.3f %12.3f %12.3f %10.2f %10.2f%n",
            w,
            t.runtime(),
            t.firstMs(),
            t.tenthMs(),
            t.medianMs(),
            t.minMs(),
            t.medianMs() / ref.medianMs(),
            t.firstMs() / ref.firstMs());
      }
    }
    if (!agree) {
      System.out.println("results differ between runtimes");
      System.exit(1);
    }
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      out.put(args[i], args[i + 1]);
    }
    return out;
  }

  private PeerComparison() {}
}
