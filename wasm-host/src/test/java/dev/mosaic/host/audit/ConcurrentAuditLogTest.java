package dev.mosaic.host.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mosaic.plan.audit.AuditEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many writers, in this JVM and in others, on one tenant's log; and interrupted writers. */
class ConcurrentAuditLogTest {
  @TempDir Path dir;

  @Test
  void severalProcessesAndThreadsKeepOneSealedChain() throws Exception {
    Path log = dir.resolve("acme/audit.jsonl");
    Path key = dir.resolve("seal.key");
    SealKeys.generate(key);
    int processes = 3;
    int perProcess = 400;
    List<Process> running = new ArrayList<>();
    for (int p = 0; p < processes; p++) {
      running.add(
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  AuditWriterMain.class.getName(),
                  log.toString(),
                  "acme",
                  "p" + p,
                  Integer.toString(perProcess),
                  key.toString(),
                  "50")
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("writer" + p + ".out").toFile())
              .start());
    }
    // Two writers in this JVM as well, on the same file through separate logs.
    AuditLogOptions options =
        AuditLogOptions.defaults().sealEvery(50).sealedWith(SealKeys.keyFile(key));
    try (JsonLinesAuditLog a = new JsonLinesAuditLog(log, "acme", options);
        JsonLinesAuditLog b = new JsonLinesAuditLog(log, "acme", options)) {
      Thread ta = Thread.ofPlatform().start(() -> write(a, "a", perProcess));
      Thread tb = Thread.ofPlatform().start(() -> write(b, "b", perProcess));
      ta.join();
      tb.join();
    }
    for (int p = 0; p < processes; p++) {
      assertThat(running.get(p).waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(running.get(p).exitValue())
          .as(Files.readString(dir.resolve("writer" + p + ".out")))
          .isZero();
    }

    Set<String> ids = new HashSet<>();
    int events = 0;
    ObjectMapper json = new ObjectMapper();
    for (String line : Files.readAllLines(log)) {
      JsonNode node = json.readTree(line);
      if (node.get("event_type").asText().equals(AuditEvent.EXECUTION)) {
        events++;
        ids.add(node.get("details").get("id").asText());
      }
    }
    assertThat(events).isEqualTo((processes + 2) * perProcess);
    assertThat(ids).hasSize((processes + 2) * perProcess);
    AuditLogVerifier.Result r =
        AuditLogVerifier.verify(
            log, "acme", SealKeys.keyFile(key), AuditLogVerifier.stateFileOf(log));
    assertThat(r.problem()).isNull();
    assertThat(r.valid()).isTrue();
    assertThat(r.unsealed()).isZero();
    assertThat(r.seals().size()).isGreaterThanOrEqualTo((processes + 2) * perProcess / 51);
  }

  private static void write(JsonLinesAuditLog log, String id, int n) {
    for (int i = 0; i < n; i++) {
      log.record(AuditEvent.now("acme", AuditEvent.EXECUTION, "c", Map.of("id", id + ":" + i)));
    }
  }

  @Test
  void anInterruptedCallerStillWritesAndTheLogKeepsWorking() throws IOException {
    Path log = dir.resolve("t/audit.jsonl");
    try (JsonLinesAuditLog audit = new JsonLinesAuditLog(log)) {
      Thread.currentThread().interrupt();
      audit.record(AuditEvent.now("t", AuditEvent.EXECUTION, "c", Map.of("n", "1")));
      assertThat(Thread.interrupted()).as("the interrupt status is kept").isTrue();
      audit.record(AuditEvent.now("t", AuditEvent.EXECUTION, "c", Map.of("n", "2")));
    }
    assertThat(Files.readAllLines(log)).hasSize(2);
    assertThat(AuditLogVerifier.verify(log).valid()).isTrue();
  }

  @Test
  void interruptsDuringAppendsLoseNothing() throws Exception {
    Path log = dir.resolve("t/audit.jsonl");
    int n = 2000;
    AtomicBoolean done = new AtomicBoolean();
    try (JsonLinesAuditLog audit = new JsonLinesAuditLog(log)) {
      Thread writer =
          Thread.ofPlatform()
              .start(
                  () -> {
                    for (int i = 0; i < n; i++) {
                      audit.record(
                          AuditEvent.now("t", AuditEvent.EXECUTION, "c", Map.of("n", "" + i)));
                    }
                    done.set(true);
                  });
      while (!done.get()) {
        writer.interrupt();
        Thread.onSpinWait();
      }
      writer.join();
    }
    assertThat(Files.readAllLines(log)).hasSize(n);
    assertThat(AuditLogVerifier.verify(log).valid()).isTrue();
  }
}
