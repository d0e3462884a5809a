package dev.mosaic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mosaic run --audit-dir}, {@code audit tail} and {@code audit verify}. */
class AuditVerbsTest {
  static final Path EXAMPLE = Path.of("..", "examples", "hello");

  @TempDir Path dir;
  Path script;

  record Outcome(int exit, String out, String err) {}

  static Outcome mosaic(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Outcome(exit, out.toString(), err.toString());
  }

  @BeforeEach
  void runHello() throws Exception {
    Files.copy(EXAMPLE.resolve("hello.wasm"), dir.resolve("hello.wasm"));
    script = dir.resolve("hello.mosaic");
    Files.copy(EXAMPLE.resolve("hello.mosaic"), script);
    Outcome run = mosaic("run", script.toString(), "--store", dir.resolve("blobs").toString());
    assertThat(run.exit()).as(run.err()).isZero();
  }

  Path log() {
    // Without --audit-dir, logs go to audit/ beside the store.
    return dir.resolve("audit/demo/audit.jsonl");
  }

  @Test
  void verifyAcceptsAnUntouchedLog() throws Exception {
    Outcome o = mosaic("audit", "verify", log().toString());
    int lines = Files.readAllLines(log()).size();
    assertThat(o.exit()).isZero();
    assertThat(o.out()).startsWith("ok: " + lines + " lines, last hash sha256:");
  }

  @Test
  void verifyNamesTheFirstEditedLineWithE0004AndExits65() throws Exception {
    List<String> lines = new ArrayList<>(Files.readAllLines(log()));
    assertThat(lines.size()).isGreaterThan(3);
    lines.set(1, lines.get(1).replace("accepted", "rejected"));
    Files.write(log(), lines);
    Outcome o = mosaic("audit", "verify", log().toString());
    assertThat(o.exit()).isEqualTo(65);
    // Line 2 still parses and matches line 1; line 3's prev_hash no longer matches line 2.
    assertThat(o.err()).startsWith("error[E0004]: " + log() + ":3: audit chain broken:");
    assertThat(o.err()).contains("the first 2 lines are intact");
    assertThat(o.out()).isEmpty();
  }

  @Test
  void verifyOfAMissingFileExits66() {
    Outcome o = mosaic("audit", "verify", dir.resolve("nope.jsonl").toString());
    assertThat(o.exit()).isEqualTo(66);
    assertThat(o.err()).startsWith("error[E4002]");
  }

  @Test
  void tailPrintsTheLastLinesOfATenant() throws Exception {
    List<String> all = Files.readAllLines(log());
    Outcome o = mosaic("audit", "tail", "--tenant", "demo", "-n", "2", "--store", blobs());
    assertThat(o.exit()).isZero();
    assertThat(o.out().lines().toList()).isEqualTo(all.subList(all.size() - 2, all.size()));
  }

  @Test
  void tailWithoutLogsExits66AndFollowNeedsATenant() {
    Outcome none = mosaic("audit", "tail", "--audit-dir", dir.resolve("empty").toString());
    assertThat(none.exit()).isEqualTo(66);
    assertThat(none.err()).contains("no audit logs in");
    Outcome follow = mosaic("audit", "tail", "--follow", "--store", blobs());
    assertThat(follow.exit()).isEqualTo(64);
    assertThat(follow.err()).contains("--follow needs --tenant");
  }

  @Test
  void noAuditWritesNothing() {
    Path other = dir.resolve("other");
    Outcome run =
        mosaic(
            "run", script.toString(), "--store", other.resolve("blobs").toString(), "--no-audit");
    assertThat(run.exit()).isZero();
    assertThat(other.resolve("audit")).doesNotExist();
  }

  private String blobs() {
    return dir.resolve("blobs").toString();
  }
}
