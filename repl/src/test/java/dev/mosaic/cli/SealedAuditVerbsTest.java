package dev.mosaic.cli;

import static dev.mosaic.cli.AuditVerbsTest.mosaic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.cli.AuditVerbsTest.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code audit keygen}, {@code run --audit-key} and {@code audit verify --key}. */
class SealedAuditVerbsTest {
  @TempDir Path dir;
  Path script;
  Path key;

  @BeforeEach
  void setUp() throws Exception {
    Files.copy(AuditVerbsTest.EXAMPLE.resolve("hello.wasm"), dir.resolve("hello.wasm"));
    script = dir.resolve("hello.mosaic");
    Files.copy(AuditVerbsTest.EXAMPLE.resolve("hello.mosaic"), script);
    key = dir.resolve("seal.key");
    Outcome gen = mosaic("audit", "keygen", key.toString());
    assertThat(gen.exit()).as(gen.err()).isZero();
    for (int i = 0; i < 2; i++) {
      Outcome run = run();
      assertThat(run.exit()).as(run.err()).isZero();
    }
  }

  private Outcome run() {
    return mosaic(
        "run",
        script.toString(),
        "--store",
        dir.resolve("blobs").toString(),
        "--audit-key",
        key.toString(),
        "--audit-seal-every",
        "4");
  }

  private Path log() {
    return dir.resolve("audit/demo/audit.jsonl");
  }

  private Outcome verify() {
    return mosaic("audit", "verify", log().toString(), "--key", key.toString());
  }

  @Test
  void anHonestSealedLogVerifiesWithItsRanges() {
    Outcome o = verify();
    assertThat(o.exit()).as(o.err()).isZero();
    assertThat(o.out()).contains("sealed: lines 1-5 (epoch 0)").contains(", all sealed, last hash");
  }

  @Test
  void keygenNeverOverwritesAKey() {
    Outcome o = mosaic("audit", "keygen", key.toString());
    assertThat(o.exit()).isEqualTo(65);
    assertThat(o.err()).startsWith("error[E0010]");
  }

  @Test
  void anUnusableKeyFileIsACodedError() throws Exception {
    Path bad = dir.resolve("bad.key");
    Files.writeString(bad, "not a key");
    Outcome o = mosaic("audit", "verify", log().toString(), "--key", bad.toString());
    assertThat(o.exit()).isEqualTo(65);
    assertThat(o.err()).startsWith("error[E0010]").doesNotContain("Exception");
  }

  @Test
  void anEditedAndReHashedLogFailsItsSealWithE0005() throws Exception {
    List<String> lines = new ArrayList<>(Files.readAllLines(log()));
    lines.set(
        lines.size() - 1, lines.getLast().replace("\"reason\":\"close\"", "\"reason\":\"count\""));
    Files.write(log(), lines);
    Outcome o = verify();
    assertThat(o.exit()).isEqualTo(65);
    assertThat(o.err()).startsWith("error[E0005]: " + log() + ":" + lines.size() + ": audit seal");
  }

  @Test
  void aCutLogIsE0006() throws Exception {
    List<String> lines = Files.readAllLines(log());
    Files.write(log(), lines.subList(0, lines.size() - 2));
    Outcome o = verify();
    assertThat(o.exit()).isEqualTo(65);
    assertThat(o.err()).startsWith("error[E0006]").contains("between seals");
  }

  @Test
  void anAppendAfterTheLastSealIsReportedUnsealedWithExit75() throws Exception {
    List<String> lines = Files.readAllLines(log());
    // A copy of an event, given the next seq and the last line's hash: the chain holds.
    String last = lines.getLast();
    String forged =
        lines
            .get(1)
            .replaceAll("\"seq\":\\d+", "\"seq\":" + (lines.size() + 1))
            .replaceAll(
                "\"prev_hash\":\"[^\"]+\"",
                "\"prev_hash\":\""
                    + dev.mosaic.host.audit.AuditChain.hash(
                        last.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    + "\"");
    Files.writeString(log(), forged + "\n", StandardOpenOption.APPEND);
    Outcome o = verify();
    assertThat(o.exit()).isEqualTo(75);
    assertThat(o.err())
        .startsWith("warning[E0008]: " + log() + ":" + (lines.size() + 1) + ": lines ")
        .contains("are not sealed");
    assertThat(o.out()).doesNotContain("ok");
  }

  @Test
  void aDeletedSealStateIsE0009() throws Exception {
    Files.delete(log().resolveSibling("audit.jsonl.seal"));
    Outcome o = verify();
    assertThat(o.exit()).isEqualTo(65);
    assertThat(o.err()).startsWith("error[E0009]");
  }

  @Test
  void withoutAKeyTheSealsAreSaidToBeUnchecked() {
    Outcome o = mosaic("audit", "verify", log().toString());
    assertThat(o.exit()).isZero();
    assertThat(o.out()).contains("seals not checked");
  }
}
