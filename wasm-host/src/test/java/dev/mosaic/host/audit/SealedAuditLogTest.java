package dev.mosaic.host.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mosaic.plan.audit.AuditEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seals, and every tampering an attacker who can write the log files can try against them. */
class SealedAuditLogTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  Path key;
  Path log;

  @BeforeEach
  void setUp() {
    key = dir.resolve("seal.key");
    SealKeys.generate(key);
    log = dir.resolve("acme/audit.jsonl");
  }

  /** 25 events sealed every 10: seals at lines 11, 22 and (at close) 28. */
  private void write(int events) {
    try (JsonLinesAuditLog audit = open()) {
      for (int i = 0; i < events; i++) {
        audit.record(
            AuditEvent.now(
                "acme", AuditEvent.CAPABILITY, "comp", Map.of("n", Integer.toString(i))));
      }
    }
  }

  private JsonLinesAuditLog open() {
    return new JsonLinesAuditLog(
        log, "acme", AuditLogOptions.defaults().sealEvery(10).sealedWith(SealKeys.keyFile(key)));
  }

  private AuditLogVerifier.Result verify() {
    return AuditLogVerifier.verify(
        log, "acme", SealKeys.keyFile(key), AuditLogVerifier.stateFileOf(log));
  }

  private List<String> lines() throws IOException {
    return new ArrayList<>(Files.readAllLines(log));
  }

  /** What an attacker does after changing lines: renumber and re-hash everything from there on. */
  private static List<String> rehash(List<String> lines) throws IOException {
    List<String> out = new ArrayList<>();
    String prev = AuditChain.GENESIS;
    for (int i = 0; i < lines.size(); i++) {
      ObjectNode node = (ObjectNode) JSON.readTree(lines.get(i));
      node.put("seq", i + 1);
      node.put("prev_hash", prev);
      String text = JSON.writeValueAsString(node);
      out.add(text);
      prev = AuditChain.hash(text.getBytes(StandardCharsets.UTF_8));
    }
    return out;
  }

  @Test
  void anHonestLogIsSealedInRangesAndVerifies() throws IOException {
    write(25);
    AuditLogVerifier.Result r = verify();
    assertThat(r.problem()).isNull();
    assertThat(r.valid()).isTrue();
    assertThat(r.unsealed()).isZero();
    assertThat(r.seals())
        .containsExactly(
            new AuditLogVerifier.SealedRange(1, 11, 0),
            new AuditLogVerifier.SealedRange(12, 22, 1),
            new AuditLogVerifier.SealedRange(23, 28, 2));
    assertThat(lines()).hasSize(28);
    assertThat(lines().get(27))
        .contains("\"event_type\":\"audit_seal\"")
        .contains("\"reason\":\"close\"");
  }

  @Test
  void reopeningContinuesTheEpochs() throws IOException {
    write(5);
    write(5);
    AuditLogVerifier.Result r = verify();
    assertThat(r.valid()).isTrue();
    assertThat(r.seals()).extracting(AuditLogVerifier.SealedRange::epoch).containsExactly(0L, 1L);
  }

  @Test
  void anEditedSealIsDetected() throws IOException {
    write(25);
    List<String> lines = lines();
    lines.set(27, lines.get(27).replace("\"reason\":\"close\"", "\"reason\":\"count\""));
    Files.write(log, lines);
    AuditLogVerifier.Result r = verify();
    assertThat(r.code()).isEqualTo(AuditCodes.SEAL_INVALID);
    assertThat(r.badLine()).isEqualTo(28);
  }

  @Test
  void anEditReHashedToTheEndIsDetectedAtTheNextSeal() throws IOException {
    write(25);
    List<String> lines = lines();
    lines.set(14, lines.get(14).replace("\"n\":\"13\"", "\"n\":\"99\""));
    Files.write(log, rehash(lines));
    assertThat(AuditLogVerifier.verify(log).valid()).as("the bare chain cannot see it").isTrue();
    AuditLogVerifier.Result r = verify();
    assertThat(r.code()).isEqualTo(AuditCodes.SEAL_INVALID);
    assertThat(r.badLine()).isEqualTo(22);
    assertThat(r.seals()).hasSize(1);
  }

  @Test
  void aForgedEventAppendedWithTheRightHashIsUnsealed() throws IOException {
    write(25);
    List<String> lines = lines();
    ObjectNode forged = (ObjectNode) JSON.readTree(lines.get(3));
    lines.add(forged.toString());
    Files.write(log, rehash(lines));
    AuditLogVerifier.Result r = verify();
    assertThat(r.valid()).isTrue();
    assertThat(r.unsealed()).isEqualTo(1);
    assertThat(r.seals().getLast().last()).isEqualTo(28);
  }

  @Test
  void cuttingTheLogAtASealBoundaryIsDetected() throws IOException {
    write(25);
    Files.write(log, lines().subList(0, 22));
    AuditLogVerifier.Result r = verify();
    assertThat(r.code()).isEqualTo(AuditCodes.TRUNCATED);
    assertThat(r.problem()).contains("at a seal boundary").contains("line 28");
    assertThat(r.badLine()).isEqualTo(22);
  }

  @Test
  void cuttingTheLogBetweenSealsIsDetected() throws IOException {
    write(25);
    Files.write(log, lines().subList(0, 17));
    AuditLogVerifier.Result r = verify();
    assertThat(r.code()).isEqualTo(AuditCodes.TRUNCATED);
    assertThat(r.problem()).contains("between seals");
    assertThat(r.badLine()).isEqualTo(17);
  }

  @Test
  void aRemovedEpochIsAGap() throws IOException {
    write(25);
    List<String> lines = lines();
    List<String> cut = new ArrayList<>(lines.subList(0, 11));
    cut.addAll(lines.subList(22, 28));
    Files.write(log, rehash(cut));
    AuditLogVerifier.Result r = verify();
    assertThat(r.code()).isEqualTo(AuditCodes.EPOCH_GAP);
    assertThat(r.badLine()).isEqualTo(17);
    assertThat(r.problem()).contains("epochs 1..1");
  }

  @Test
  void aThiefWithTheCurrentStateCannotResealHistory() throws IOException {
    write(25);
    // The state holds the current epoch's key; reseal everything with it after an edit.
    List<String> stateLines = Files.readAllLines(AuditLogVerifier.stateFileOf(log));
    byte[] stolen = HexFormat.of().parseHex(stateLines.get(3).substring(4));
    List<String> lines = lines();
    lines.set(2, lines.get(2).replace("\"n\":\"1\"", "\"n\":\"7\""));
    List<String> forged = rehash(lines);
    String prev = AuditChain.GENESIS;
    for (int i = 0; i < forged.size(); i++) {
      ObjectNode node = (ObjectNode) JSON.readTree(forged.get(i));
      node.put("prev_hash", prev);
      if (node.get("event_type").asText().equals("audit_seal")) {
        ObjectNode d = (ObjectNode) node.get("details");
        d.put(
            "mac",
            AuditSeal.mac(
                stolen,
                "acme",
                Long.parseLong(d.get("epoch").asText()),
                Long.parseLong(d.get("first").asText()),
                i + 1,
                node.get("timestamp").asText(),
                prev,
                d.get("reason").asText()));
      }
      String text = JSON.writeValueAsString(node);
      forged.set(i, text);
      prev = AuditChain.hash(text.getBytes(StandardCharsets.UTF_8));
    }
    Files.write(log, forged);
    AuditLogVerifier.Result r = verify();
    assertThat(r.code()).isEqualTo(AuditCodes.SEAL_INVALID);
    assertThat(r.badLine()).isEqualTo(11);
  }

  @Test
  void aMissingOrForeignStateIsReported() throws IOException {
    write(25);
    Path state = AuditLogVerifier.stateFileOf(log);
    Path saved = dir.resolve("state.copy");
    Files.copy(state, saved);
    Files.delete(state);
    assertThat(verify().code()).isEqualTo(AuditCodes.NO_SEAL_STATE);
    List<String> s = new ArrayList<>(Files.readAllLines(saved));
    s.set(3, "key " + "ab".repeat(32));
    Files.write(state, s);
    assertThat(verify().code()).isEqualTo(AuditCodes.SEAL_INVALID);
  }

  @Test
  void theWrongKeyFailsAtTheFirstSeal() {
    write(25);
    Path other = dir.resolve("other.key");
    SealKeys.generate(other);
    AuditLogVerifier.Result r =
        AuditLogVerifier.verify(
            log, "acme", SealKeys.keyFile(other), AuditLogVerifier.stateFileOf(log));
    assertThat(r.code()).isEqualTo(AuditCodes.SEAL_INVALID);
    assertThat(r.badLine()).isEqualTo(11);
  }

  @Test
  void aWriterStoppedBetweenSealAndStateIsResumed() throws IOException {
    write(5);
    Path state = AuditLogVerifier.stateFileOf(log);
    Path before = dir.resolve("before");
    Files.copy(state, before);
    write(5);
    // As if the second writer died after writing its seal but before advancing the state.
    Files.copy(before, state, StandardCopyOption.REPLACE_EXISTING);
    assertThat(verify().valid()).isTrue();
    write(5);
    AuditLogVerifier.Result r = verify();
    assertThat(r.problem()).isNull();
    assertThat(r.seals())
        .extracting(AuditLogVerifier.SealedRange::epoch)
        .containsExactly(0L, 1L, 2L);
  }

  @Test
  void aLostStateIsRebuiltFromTheKeyAndTheLastSeal() throws IOException {
    write(15);
    Files.delete(AuditLogVerifier.stateFileOf(log));
    write(3);
    AuditLogVerifier.Result r = verify();
    assertThat(r.problem()).isNull();
    assertThat(r.seals())
        .extracting(AuditLogVerifier.SealedRange::epoch)
        .containsExactly(0L, 1L, 2L);
  }

  @Test
  void aTornLastLineIsDroppedBeforeTheNextAppend() throws IOException {
    write(3);
    Files.writeString(log, "{\"timestamp\":\"20", java.nio.file.StandardOpenOption.APPEND);
    write(1);
    assertThat(verify().problem()).isNull();
  }

  @Test
  void aLogWhoseLastLineIsGarbageRefusesToContinueIt() throws IOException {
    write(1);
    Files.writeString(log, "garbage\n", java.nio.file.StandardOpenOption.APPEND);
    JsonLinesAuditLog audit = open();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> audit.record(AuditEvent.now("acme", AuditEvent.LIMIT, "", Map.of())))
        .hasMessageContaining("is not an audit line");
    org.assertj.core.api.Assertions.assertThatThrownBy(audit::close)
        .hasMessageContaining("is not an audit line");
    assertThat(lines()).hasSize(3).last().isEqualTo("garbage");
  }

  @Test
  void aWriterThatFindsItsLogCutKeepsTheEpochsSoTheGapShows() throws IOException {
    write(25);
    Files.write(log, lines().subList(0, 11));
    write(12);
    AuditLogVerifier.Result r = verify();
    assertThat(r.code()).isEqualTo(AuditCodes.EPOCH_GAP);
    assertThat(r.problem()).contains("epochs 1..2");
    assertThat(lines().get(21)).contains("\"event_type\":\"audit_seal\"");
  }
}
