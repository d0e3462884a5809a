package dev.mosaic.bench;

import dev.mosaic.host.audit.AuditLogOptions;
import dev.mosaic.host.audit.AuditLogVerifier;
import dev.mosaic.host.audit.JsonLinesAuditLog;
import dev.mosaic.host.audit.SealKeys;
import dev.mosaic.plan.audit.AuditEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * The sealed audit log: events recorded per second with sealing on (a seal every 1000 lines,
 * nothing forced between seals), from one thread and from two sharing the log; and the time to
 * verify a sealed log of 1,000,000 events with its key.
 */
@Fork(1)
public class AuditBench {
  private static final int MILLION = 1_000_000;

  private static AuditEvent event(int i) {
    return AuditEvent.now(
        "acme",
        AuditEvent.CAPABILITY,
        "billing",
        Map.of(
            "capability",
            "kv",
            "function",
            "kv_get",
            "parameter",
            "cache/" + i,
            "result",
            "denied"));
  }

  /** One sealed log that the benchmark threads write to. */
  @State(Scope.Benchmark)
  public static class Writing {
    Path dir;
    JsonLinesAuditLog log;
    int n;

    @Setup(Level.Trial)
    public void open() throws IOException {
      dir = Files.createTempDirectory("mosaic-bench-audit-");
      Path key = dir.resolve("seal.key");
      SealKeys.generate(key);
      log =
          new JsonLinesAuditLog(
              dir.resolve("acme/audit.jsonl"),
              "acme",
              AuditLogOptions.defaults().sealEvery(1000).sealedWith(SealKeys.keyFile(key)));
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
      log.close();
      delete(dir);
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Threads(1)
  public void record1Thread(Writing w) {
    w.log.record(event(w.n++));
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Threads(2)
  public void record2Threads(Writing w) {
    w.log.record(event(w.n++));
  }

  /** A sealed log of a million events, written once per fork. */
  @State(Scope.Benchmark)
  public static class Million {
    Path dir;
    Path file;
    SealKeys keys;

    @Setup(Level.Trial)
    public void write() throws IOException {
      dir = Files.createTempDirectory("mosaic-bench-audit-");
      Path key = dir.resolve("seal.key");
      SealKeys.generate(key);
      keys = SealKeys.keyFile(key);
      file = dir.resolve("acme/audit.jsonl");
      try (JsonLinesAuditLog log =
          new JsonLinesAuditLog(
              file, "acme", AuditLogOptions.defaults().sealEvery(1000).sealedWith(keys))) {
        for (int i = 0; i < MILLION; i++) {
          log.record(event(i));
        }
      }
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
      AuditBench.delete(dir);
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public AuditLogVerifier.Result verifyMillionEvents(Million m) {
    AuditLogVerifier.Result r =
        AuditLogVerifier.verify(m.file, "acme", m.keys, AuditLogVerifier.stateFileOf(m.file));
    if (!r.valid() || r.unsealed() != 0 || r.verifiedLines() < MILLION) {
      throw new IllegalStateException("the benchmark log does not verify: " + r);
    }
    return r;
  }

  static void delete(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
