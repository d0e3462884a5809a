package dev.mosaic.cli;

import static dev.mosaic.cli.AuditVerbsTest.mosaic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.cli.AuditVerbsTest.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Refusals of {@code mosaic run} before any guest runs are in the audit log. */
class AuditEventsCliTest {
  @TempDir Path dir;
  String hello;

  @BeforeEach
  void setUp() throws Exception {
    Files.copy(AuditVerbsTest.EXAMPLE.resolve("hello.wasm"), dir.resolve("hello.wasm"));
    hello = Files.readString(AuditVerbsTest.EXAMPLE.resolve("hello.mosaic"));
  }

  private Outcome run(String script, String... more) throws Exception {
    Path p = dir.resolve("s.mosaic");
    Files.writeString(p, script);
    String[] args = new String[5 + more.length];
    args[0] = "run";
    args[1] = p.toString();
    args[2] = "--store";
    args[3] = dir.resolve("blobs").toString();
    args[4] = "--audit-dir=" + dir.resolve("audit");
    System.arraycopy(more, 0, args, 5, more.length);
    return mosaic(args);
  }

  @Test
  void runRefusedWithE7001IsAudited() throws Exception {
    Outcome o = run(hello.replace("  allow hello log\n", ""));
    assertThat(o.exit()).isEqualTo(77);
    assertThat(o.err()).startsWith("error[E7001]");
    assertThat(dir.resolve("audit/demo/audit.jsonl"))
        .content()
        .contains("\"event_type\":\"policy_decision\"")
        .contains("\"code\":\"E7001\"")
        .contains("\"result\":\"denied\"");
  }

  @Test
  void aSecretBackendThatCannotOpenIsAuditedInTheHostLog() throws Exception {
    Path props = dir.resolve("token.properties");
    Files.writeString(
        props,
        "library=" + dir.resolve("no-such-lib.so") + "\ntoken-label=mosaic\npin=env:NO_SUCH_PIN\n");
    Outcome o = run(hello, "--secrets", "pkcs11:" + props);
    assertThat(o.exit()).isEqualTo(77);
    assertThat(o.err()).startsWith("error[E71");
    assertThat(dir.resolve("audit/_host/audit.jsonl"))
        .content()
        .contains("\"operation\":\"open\"")
        .contains("\"result\":\"error\"")
        .containsPattern("\"code\":\"E71[0-9][0-9]\"");
  }
}
