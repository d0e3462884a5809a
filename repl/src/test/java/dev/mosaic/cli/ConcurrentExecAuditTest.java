package dev.mosaic.cli;

import static dev.mosaic.cli.AuditVerbsTest.mosaic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.cli.AuditVerbsTest.Outcome;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several {@code mosaic exec --audit-dir D} processes at once keep one sealed chain per tenant. */
class ConcurrentExecAuditTest {
  @TempDir Path dir;

  private Process exec(Path plan, Path key, int n) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            Main.class.getName(),
            "exec",
            plan.toString(),
            "--store",
            dir.resolve("blobs").toString(),
            "--audit-dir",
            dir.resolve("audit").toString(),
            "--audit-key",
            key.toString(),
            "--audit-seal-every",
            "3"));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("exec" + n + ".out").toFile())
        .start();
  }

  @Test
  void threeExecsAtATimeForkNoChain() throws Exception {
    Files.copy(AuditVerbsTest.EXAMPLE.resolve("hello.wasm"), dir.resolve("hello.wasm"));
    Path script = dir.resolve("hello.mosaic");
    Files.copy(AuditVerbsTest.EXAMPLE.resolve("hello.mosaic"), script);
    Path plan = dir.resolve("hello.cbor");
    Outcome compiled =
        mosaic(
            "compile",
            script.toString(),
            "-o",
            plan.toString(),
            "--store",
            dir.resolve("blobs").toString());
    assertThat(compiled.exit()).as(compiled.err()).isZero();
    Path key = dir.resolve("seal.key");
    assertThat(mosaic("audit", "keygen", key.toString()).exit()).isZero();

    int rounds = 2;
    int parallel = 3;
    for (int round = 0; round < rounds; round++) {
      List<Process> running = new ArrayList<>();
      for (int p = 0; p < parallel; p++) {
        running.add(exec(plan, key, round * parallel + p));
      }
      for (int p = 0; p < parallel; p++) {
        Process process = running.get(p);
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue())
            .as(Files.readString(dir.resolve("exec" + (round * parallel + p) + ".out")))
            .isZero();
      }
    }
    Path log = dir.resolve("audit/demo/audit.jsonl");
    assertThat(
            Files.readAllLines(log).stream()
                .filter(l -> l.contains("\"plan_validation\"") && l.contains("\"accepted\"")))
        .hasSize(rounds * parallel);
    Outcome verify = mosaic("audit", "verify", log.toString(), "--key", key.toString());
    assertThat(verify.exit()).as(verify.err()).isZero();
    assertThat(verify.out()).contains("all sealed");
  }
}
