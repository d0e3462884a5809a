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
  void aWasiCommandRunsFromAScriptWithItsOutputLoggedAndItsStatusAsTheExitCode() throws Exception {
    Files.copy(
        Path.of("src", "test", "resources", "guests", "wasicmd.wasm"), dir.resolve("cmd.wasm"));
    String declarations = "component cmd from \"cmd.wasm\"\npolicy { allow cmd log }\n";
    Outcome ok =
        mosaic("run", script("ok.mosaic", declarations + "cmd._start()\nprint 1\n").toString());
    assertThat(ok.err()).isEmpty();
    assertThat(ok.out()).startsWith("[cmd] out line\n").contains("[cmd] partial\n").endsWith("1\n");
    assertThat(ok.exit()).isZero();

    Outcome zero =
        mosaic(
            "run",
            script("zero.mosaic", declarations + "cmd.set_status(0)\ncmd._start()\nprint 2\n")
                .toString());
    assertThat(zero.err()).doesNotContain("E9001");
    assertThat(zero.out()).endsWith("2\n");
    assertThat(zero.exit()).isZero();

    Outcome seven =
        mosaic(
            "run",
            script("seven.mosaic", declarations + "cmd.set_status(7)\ncmd._start()\nprint 3\n")
                .toString());
    assertThat(seven.exit()).isEqualTo(7);
    assertThat(seven.err()).startsWith("error[E9011]: component `cmd` exited with status 7");
    assertThat(seven.out()).doesNotContain("3\n");
  }

  @Test
  void explainKnowsAWasiComponentAsksForFilesAndLog() throws Exception {
    Files.copy(
        Path.of("src", "test", "resources", "guests", "wasicmd.wasm"), dir.resolve("cmd.wasm"));
    Path p = script("cmd.mosaic", "component cmd from \"cmd.wasm\"\npolicy { allow cmd log }\n");
    Outcome log = mosaic("explain", p.toString(), "cmd", "log");
    assertThat(log.exit()).isZero();
    assertThat(log.out()).doesNotContain("does not import");
    Outcome files = mosaic("explain", p.toString(), "cmd", "files", "/data/x");
    assertThat(files.exit()).isEqualTo(77);
    assertThat(files.out()).doesNotContain("does not import");
  }

  @Test
  void runShowsAWarningForAPointerShapedBindingAndStillRuns() throws Exception {
    for (String f : new String[] {"rawtext.wasm", "shout.wasm"}) {
      Files.copy(Path.of("src", "test", "resources", "guests", f), dir.resolve(f));
    }
    Path p =
        script(
            "raw.mosaic",
            "component raw from \"rawtext.wasm\"\ncomponent shout from \"shout.wasm\"\n"
                + "bind shout.text.upper -> raw.upper\nprint 1\n");
    Outcome o = mosaic("run", p.toString());
    assertThat(o.exit()).isZero();
    assertThat(o.out()).isEqualTo("1\n");
    assertThat(o.err())
        .startsWith("warning[E2040]: " + p + ":3:1: `shout.text.upper` -> `raw.upper` has type")
        .contains("3 | bind shout.text.upper -> raw.upper");
  }

  @Test
  void execRunsAWasiCommandsStartAndExitsWithItsStatus() throws Exception {
    Files.copy(
        Path.of("src", "test", "resources", "guests", "wasicmd.wasm"), dir.resolve("cmd.wasm"));
    Path p = script("cmd.mosaic", "component cmd from \"cmd.wasm\"\nexport cmd._start\n");
    Path plan = dir.resolve("cmd.cbor");
    assertThat(mosaic("compile", p.toString(), "-o", plan.toString()).exit()).isZero();
    Outcome o = mosaic("exec", plan.toString(), "--call", "cmd._start");
    assertThat(o.exit()).isZero();
    assertThat(o.out())
        .isEqualTo(
            "[cmd] note: standard output and error of this WASI component are discarded; grant"
                + " it `log` to see them\n()\n");
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
        .contains("12 |   allow hello log {\n   |                   ^");
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

  @Test
  void validatePrintsEveryCodedDiagnosticOfHostileFilesAndNeverAStackTrace() throws Exception {
    java.util.Map<String, String> cases = new java.util.LinkedHashMap<>();
    cases.put("", "E3001");
    cases.put("9b8000000000000000", "E3006");
    cases.put("81".repeat(10_000) + "00", "E8004");
    cases.put("a26674656e616e7461616674656e616e746162", "E3009");
    cases.put("9f01ff", "E3002");
    cases.put("a26776657273696f6e02687768617465766572" + "00", "E3003");
    for (var c : cases.entrySet()) {
      Path plan = dir.resolve("hostile.cbor");
      Files.write(plan, java.util.HexFormat.of().parseHex(c.getKey()));
      Outcome o = mosaic("validate", plan.toString());
      assertThat(o.exit()).as(c.getValue()).isEqualTo(65);
      assertThat(o.err()).startsWith("error[" + c.getValue() + "]: ").doesNotContain("\tat ");
      assertThat(o.out()).isEmpty();
    }
    // a plan with two schema errors shows both
    Path plan = dir.resolve("two.cbor");
    // {"version": 1, "tenant": 7, "components": 7, ...} with the other fields missing
    Files.write(
        plan,
        java.util.HexFormat.of()
            .parseHex(
                "a3"
                    + "6674656e616e74"
                    + "07"
                    + "6776657273696f6e"
                    + "01"
                    + "6a636f6d706f6e656e7473"
                    + "07"));
    Outcome o = mosaic("validate", plan.toString());
    assertThat(o.exit()).isEqualTo(65);
    assertThat(o.err().lines().filter(l -> l.startsWith("error[")).toList())
        .contains(
            "error[E3005]: wrong type at `$.tenant`: expected a text string, found an integer",
            "error[E3005]: wrong type at `$.components`: expected an array, found an integer",
            "error[E3004]: missing field `bindings` in `$`");
  }

  @Test
  void validateRefusesAnOversizedFileBeforeReadingIt() throws Exception {
    Path plan = dir.resolve("big.cbor");
    Files.write(plan, new byte[(1 << 20) + 1]);
    Outcome o = mosaic("validate", plan.toString());
    assertThat(o.exit()).isEqualTo(65);
    assertThat(o.err()).startsWith("error[E8001]: plan file `");
  }
}
