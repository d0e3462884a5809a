package dev.mosaic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user sees it: output, coded errors and exit codes. */
class CommandLineTest {
  static final Path EXAMPLE = Path.of("..", "examples", "hello");

  @TempDir Path dir;
  Path store;
  String hello;

  @BeforeEach
  void copyExample() throws Exception {
    store = dir.resolve("store");
    Files.copy(EXAMPLE.resolve("hello.wasm"), dir.resolve("hello.wasm"));
    hello = Files.readString(EXAMPLE.resolve("hello.mosaic"));
  }

  record Outcome(int exit, String out, String err) {}

  Outcome mosaic(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--store";
    all[args.length + 1] = store.toString();
    int exit = Main.execute(all, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Outcome(exit, out.toString(), err.toString());
  }

  Path script(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  @Test
  void runsTheExample() throws Exception {
    Outcome o = mosaic("run", script("hello.mosaic", hello).toString());
    assertThat(o.err()).isEmpty();
    assertThat(o.out()).isEqualTo("[hello] hello, world\n42\n");
    assertThat(o.exit()).isZero();
  }

  @Test
  void policyWithoutLogIsDeniedBeforeTheGuestRuns() throws Exception {
    Path p = script("denied.mosaic", hello.replace("  allow hello log\n", ""));
    Outcome o = mosaic("run", p.toString());
    assertThat(o.exit()).isEqualTo(77);
    assertThat(o.err()).startsWith("error[E7001]: ").contains("capability `log`");
    assertThat(o.out()).doesNotContain("hello, world");
  }

  @Test
  void missingBlobExits66() throws Exception {
    String digest = "sha256:" + "ab".repeat(32);
    Path p = script("missing.mosaic", hello.replace("\"hello.wasm\"", digest));
    Outcome o = mosaic("run", p.toString());
    assertThat(o.exit()).isEqualTo(66);
    assertThat(o.err())
        .startsWith("error[E4001]: " + p + ":9:1: blob `" + digest + "`")
        .doesNotContain("E2001");
  }

  @Test
  void syntaxErrorExits65WithFileLineColumnAndCaret() throws Exception {
    Path p = script("broken.mosaic", hello.replace("allow hello log", "allow hello log {"));
    Outcome o = mosaic("run", p.toString());
    assertThat(o.exit()).isEqualTo(65);
    assertThat(o.err())
        .startsWith("error[E1001]: " + p + ":12:19: unexpected `{`")
        .contains("   |     allow hello log {\n   |                     ^");
    assertThat(o.err()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void missingScriptExits66() {
    Outcome o = mosaic("run", dir.resolve("nope.mosaic").toString());
    assertThat(o.exit()).isEqualTo(66);
    assertThat(o.err()).startsWith("error[E4002]: ");
  }

  @Test
  void unknownCommandIsAUsageError() {
    Outcome o = mosaic("frobnicate");
    assertThat(o.exit()).isEqualTo(64);
  }

  @Test
  void compileThenValidate() throws Exception {
    Path plan = dir.resolve("hello.cbor");
    Outcome compiled =
        mosaic("compile", script("hello.mosaic", hello).toString(), "-o", plan.toString());
    assertThat(compiled.exit()).isZero();
    assertThat(compiled.out()).matches("sha256:[0-9a-f]{64}  .*hello\\.cbor\\n");
    Outcome validated = mosaic("validate", plan.toString());
    assertThat(validated.exit()).isZero();
    assertThat(validated.out()).startsWith("ok " + compiled.out().substring(0, 71));
  }

  @Test
  void compilePrintsCapabilityReach() throws Exception {
    Outcome o =
        mosaic(
            "compile",
            script("hello.mosaic", hello).toString(),
            "-o",
            dir.resolve("p.cbor").toString(),
            "--reach");
    assertThat(o.exit()).isZero();
    assertThat(o.out()).endsWith("hello\n  direct: log\n  through bindings: none\n");
  }

  @Test
  void validateRejectsGarbageWithACode() throws Exception {
    Path plan = dir.resolve("garbage.cbor");
    Files.write(plan, new byte[] {(byte) 0xbf, 0x61});
    Outcome o = mosaic("validate", plan.toString());
    assertThat(o.exit()).isEqualTo(65);
    assertThat(o.err()).startsWith("error[E3");
  }
}
