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
import java.util.function.LongSupplier;

/**
 * Runs the same wasm workloads on Mosaic (GraalWasm, optimizing runtime), Chicory and Node's V8 in
 * one go and prints each median time and its ratio to Node. Started by {@code
 * scripts/compare-peers}.
 *
 * <p>Each runtime is warmed up (by default until 40 calls or 20 s, whichever comes first) and then
 * timed over a fixed number of calls; the median is reported. Results must agree across runtimes,
 * or the run fails.
 */
public final class PeerComparison {
  record Timing(String workload, String runtime, double medianMs, double minMs, long result) {}

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

    List<Timing> timings = new ArrayList<>(node(node, nodeScript, workloads, warmup, iterations));
    try (MosaicRunner mosaic = new MosaicRunner()) {
      for (Workload w : Workload.values()) {
        timings.add(time(mosaic, w, warmup, iterations));
      }
    }
    try (ChicoryRunner chicory = new ChicoryRunner()) {
      for (Workload w : Workload.values()) {
        timings.add(time(chicory, w, 1, chicoryIterations));
      }
    }
    print(timings);
  }

  static Timing time(PeerRuntime runtime, Workload w, int warmup, int iterations) throws Exception {
    LongSupplier call = runtime.prepare(w);
    long deadline = System.nanoTime() + 20_000_000_000L;
    for (int i = 0; i < warmup && System.nanoTime() < deadline; i++) {
      call.getAsLong();
    }
    double[] ms = new double[iterations];
    long result = 0;
    for (int i = 0; i < iterations; i++) {
      long t0 = System.nanoTime();
      result = call.getAsLong();
      ms[i] = (System.nanoTime() - t0) / 1e6;
    }
    Arrays.sort(ms);
    return new Timing(w.label(), runtime.name(), ms[iterations / 2], ms[0], result);
  }

  static List<Timing> node(String node, Path script, Path workloads, int warmup, int iterations)
      throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(
                node, script.toString(), workloads.toString(), "" + warmup, "" + iterations)
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
        "%-10s %-8s %12s %12s %10s%n",
        "workload",
        "runtime",
        "median ms",
        "min ms",
        "x node");
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
            "%-10s %-8s %12.3f %12.3f %10.2f%n",
            w,
            t.runtime(),
            t.medianMs(),
            t.minMs(),
            t.medianMs() / ref.medianMs());
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
