package dev.mosaic.cli;

import static dev.mosaic.cli.AuditVerbsTest.mosaic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.mosaic.cli.AuditVerbsTest.Outcome;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mosaic run --audit-syslog}: the trail reaches a real rsyslog as well as the file. */
class AuditSyslogCliTest {
  private static final Path RSYSLOGD = Path.of("/usr/sbin/rsyslogd");

  @TempDir Path dir;
  private Process rsyslog;

  @AfterEach
  void stop() throws InterruptedException {
    if (rsyslog != null) {
      rsyslog.destroy();
      rsyslog.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private int startRsyslog() throws Exception {
    assumeThat(Files.isExecutable(RSYSLOGD))
        .as("rsyslogd is not installed (apt-get install rsyslog); --audit-syslog is untested")
        .isTrue();
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    Path conf = dir.resolve("rsyslog.conf");
    Files.writeString(
        conf,
        """
        global(workDirectory="%1$s")
        module(load="imtcp")
        input(type="imtcp" port="%2$d" address="127.0.0.1")
        template(name="audit" type="string" string="%%msgid%%|%%structured-data%%|%%msg%%\\n")
        if $app-name == "mosaic" then action(type="omfile" file="%1$s/out.log" template="audit")
        """
            .formatted(dir, port));
    rsyslog =
        new ProcessBuilder(
                RSYSLOGD.toString(),
                "-n",
                "-f",
                conf.toString(),
                "-i",
                dir.resolve("pid").toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("rsyslogd.out").toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        return port;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    throw new AssertionError(
        "rsyslogd did not listen: " + Files.readString(dir.resolve("rsyslogd.out")));
  }

  @Test
  void runSendsEveryEventToSyslogAndKeepsTheSealedFile() throws Exception {
    int port = startRsyslog();
    Files.copy(AuditVerbsTest.EXAMPLE.resolve("hello.wasm"), dir.resolve("hello.wasm"));
    Path script = dir.resolve("hello.mosaic");
    Files.copy(AuditVerbsTest.EXAMPLE.resolve("hello.mosaic"), script);
    Path key = dir.resolve("seal.key");
    assertThat(mosaic("audit", "keygen", key.toString()).exit()).isZero();
    Outcome run =
        mosaic(
            "run",
            script.toString(),
            "--store",
            dir.resolve("blobs").toString(),
            "--audit-dir",
            dir.resolve("audit").toString(),
            "--audit-key",
            key.toString(),
            "--audit-syslog",
            "127.0.0.1:" + port);
    assertThat(run.exit()).as(run.err()).isZero();
    Path log = dir.resolve("audit/demo/audit.jsonl");
    long events =
        Files.readAllLines(log).stream().filter(l -> !l.contains("\"audit_seal\"")).count();
    Path out = dir.resolve("out.log");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline
        && (!Files.exists(out) || Files.readAllLines(out).size() < events)) {
      Thread.sleep(100);
    }
    List<String> received = Files.readAllLines(out);
    assertThat(received).hasSize((int) events);
    assertThat(received)
        .allMatch(l -> l.contains("[mosaic@32473 tenant=\"demo\""))
        .anyMatch(l -> l.startsWith("plan_validation|") && l.contains("\"result\":\"accepted\""));
    Outcome verify = mosaic("audit", "verify", log.toString(), "--key", key.toString());
    assertThat(verify.exit()).as(verify.err()).isZero();
  }

  @Test
  void aSyslogAddressWithoutPortIsACodedError() {
    Outcome o =
        mosaic(
            "run",
            AuditVerbsTest.EXAMPLE.resolve("hello.mosaic").toString(),
            "--store",
            dir.resolve("blobs").toString(),
            "--audit-syslog",
            "logs.example");
    assertThat(o.exit()).isEqualTo(65);
    assertThat(o.err()).startsWith("error[E0011]");
  }
}
