package dev.mosaic.host.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mosaic.plan.audit.AuditEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hash-chained JSON Lines audit log and its verifier. */
class AuditLogTest {
  @TempDir Path dir;

  private Path writeEvents(int n) {
    Path file = dir.resolve("t/audit.jsonl");
    try (JsonLinesAuditLog log = new JsonLinesAuditLog(file)) {
      for (int i = 0; i < n; i++) {
        log.record(
            AuditEvent.now("tenant-123", AuditEvent.CAPABILITY, "comp-" + i, Map.of("n", "" + i)));
      }
    }
    return file;
  }

  @Test
  void linesFollowTheArchitectureFormatWithAHashChain() throws IOException {
    Path file = dir.resolve("audit.jsonl");
    try (JsonLinesAuditLog log = new JsonLinesAuditLog(file)) {
      log.record(
          new AuditEvent(
              Instant.parse("2024-01-01T12:00:00Z"),
              "tenant-123",
              AuditEvent.SECRET_ACCESS,
              "comp-abc",
              Map.of("secret_id", "api-key", "backend", "vault://secrets", "result", "granted")));
    }
    String line = Files.readAllLines(file).getFirst();
    assertThat(line)
        .isEqualTo(
            "{\"timestamp\":\"2024-01-01T12:00:00Z\",\"tenant_id\":\"tenant-123\","
                + "\"event_type\":\"secret_access\",\"component_id\":\"comp-abc\","
                + "\"details\":{\"backend\":\"vault://secrets\",\"result\":\"granted\","
                + "\"secret_id\":\"api-key\"},\"seq\":1,\"prev_hash\":\""
                + AuditChain.GENESIS
                + "\"}");
  }

  @Test
  void anIntactLogVerifiesAndReopeningContinuesTheChain() {
    Path file = writeEvents(5);
    try (JsonLinesAuditLog log = new JsonLinesAuditLog(file)) {
      log.record(AuditEvent.now("tenant-123", AuditEvent.LIMIT, "", Map.of()));
    }
    AuditLogVerifier.Result r = AuditLogVerifier.verify(file);
    assertThat(r.valid()).isTrue();
    assertThat(r.verifiedLines()).isEqualTo(6);
  }

  @Test
  void anEditedLineIsDetected() throws IOException {
    Path file = writeEvents(5);
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    lines.set(2, lines.get(2).replace("comp-2", "comp-X"));
    Files.write(file, lines);
    AuditLogVerifier.Result r = AuditLogVerifier.verify(file);
    assertThat(r.valid()).isFalse();
    assertThat(r.badLine()).isEqualTo(4);
  }

  @Test
  void aRemovedLineIsDetected() throws IOException {
    Path file = writeEvents(5);
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    lines.remove(1);
    Files.write(file, lines);
    assertThat(AuditLogVerifier.verify(file).badLine()).isEqualTo(2);
    lines.removeFirst();
    Files.write(file, lines);
    assertThat(AuditLogVerifier.verify(file).badLine()).isEqualTo(1);
  }

  @Test
  void reorderedLinesAreDetected() throws IOException {
    Path file = writeEvents(5);
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    Collections.swap(lines, 1, 3);
    Files.write(file, lines);
    AuditLogVerifier.Result r = AuditLogVerifier.verify(file);
    assertThat(r.valid()).isFalse();
    assertThat(r.badLine()).isEqualTo(2);
    assertThat(r.problem()).contains("prev_hash");
  }

  @Test
  void garbageIsReportedNotThrown() throws IOException {
    Path file = dir.resolve("bad.jsonl");
    Files.writeString(file, "not json\n");
    assertThat(AuditLogVerifier.verify(file).problem()).isEqualTo("line is not valid JSON");
  }

  @Test
  void concurrentWritersLoseNoEvent() throws Exception {
    Path file = dir.resolve("concurrent.jsonl");
    int threads = 8;
    int perThread = 500;
    try (JsonLinesAuditLog log = new JsonLinesAuditLog(file)) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int id = t;
          done.add(
              pool.submit(
                  () -> {
                    for (int i = 0; i < perThread; i++) {
                      log.record(
                          AuditEvent.now(
                              "t", AuditEvent.EXECUTION, "c", Map.of("id", id + ":" + i)));
                    }
                  }));
        }
        for (Future<?> f : done) {
          f.get();
        }
      } finally {
        pool.shutdown();
      }
    }
    ObjectMapper json = new ObjectMapper();
    Set<String> ids = new HashSet<>();
    for (String line : Files.readAllLines(file)) {
      JsonNode node = json.readTree(line);
      ids.add(node.get("details").get("id").asText());
    }
    assertThat(ids).hasSize(threads * perThread);
    assertThat(AuditLogVerifier.verify(file).valid()).isTrue();
  }

  @Test
  void aLogFromBeforeSeqIsContinuedAndStillVerifies() throws IOException {
    Path file = dir.resolve("old/audit.jsonl");
    Files.createDirectories(file.getParent());
    List<String> old = new ArrayList<>();
    String prev = AuditChain.GENESIS;
    for (int i = 0; i < 3; i++) {
      String line =
          "{\"timestamp\":\"2026-01-01T00:00:00Z\",\"tenant_id\":\"old\",\"event_type\":"
              + "\"limit\",\"component_id\":\"\",\"details\":{},\"prev_hash\":\""
              + prev
              + "\"}";
      old.add(line);
      prev = AuditChain.hash(line.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    Files.write(file, old);
    assertThat(AuditLogVerifier.verify(file).problem()).isNull();
    try (JsonLinesAuditLog log = new JsonLinesAuditLog(file)) {
      log.record(AuditEvent.now("old", AuditEvent.LIMIT, "", Map.of()));
    }
    List<String> lines = Files.readAllLines(file);
    assertThat(lines.get(3)).contains("\"seq\":4,");
    AuditLogVerifier.Result r = AuditLogVerifier.verify(file);
    assertThat(r.problem()).isNull();
    assertThat(r.verifiedLines()).isEqualTo(4);

    // Only a log's first lines may lack `seq`.
    lines.add(old.getFirst());
    Files.write(file, lines);
    assertThat(AuditLogVerifier.verify(file).valid()).isFalse();
  }
}
