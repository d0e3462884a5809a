package dev.mosaic.cli.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scripts as an attacker or a careless user writes them, through the command line: the compiler
 * refuses what a host would refuse, at the script's line, before anything runs or prints, and what
 * it echoes from the script cannot drive the terminal.
 */
class ScriptDiagnosticsTest {
  static final Path EXAMPLE = Path.of("..", "examples", "hello");

  @TempDir Path dir;
  Path store;

  @BeforeEach
  void copyExample() throws Exception {
    store = dir.resolve("store");
    Files.copy(EXAMPLE.resolve("hello.wasm"), dir.resolve("hello.wasm"));
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

  Path script(String text) throws Exception {
    Path p = dir.resolve("s.mosaic");
    Files.writeString(p, text);
    return p;
  }

  private static final String HELLO =
      "component hello from \"hello.wasm\"\npolicy {\n  allow hello log\n}\n";

  @Test
  void anInvalidTenantNameIsAPlacedErrorNotAnInternalOne() throws Exception {
    Outcome o = mosaic("compile", script("tenant \"bad tenant!\"\n" + HELLO).toString());
    assertThat(o.exit()).isEqualTo(65);
    assertThat(o.err())
        .startsWith("error[E3011]: ")
        .contains("s.mosaic:1:8: invalid tenant name `bad tenant!`")
        .doesNotContain("E0001");
  }

  @Test
  void scriptsWhosePlansTheValidatorRefusesDoNotCompile() throws Exception {
    Path plan = dir.resolve("out.plan");
    Outcome longName =
        mosaic(
            "compile",
            script("component " + "a".repeat(200) + " from \"hello.wasm\"\n").toString(),
            "-o",
            plan.toString());
    assertThat(longName.exit()).isEqualTo(65);
    assertThat(longName.err()).startsWith("error[E3011]: ").contains("s.mosaic:1:11:");

    Outcome emptyPattern =
        mosaic(
            "compile",
            script(
                    HELLO.replace(
                        "allow hello log\n", "allow hello log\n  allow hello secret \"\"\n"))
                .toString(),
            "-o",
            plan.toString());
    assertThat(emptyPattern.exit()).isEqualTo(65);
    assertThat(emptyPattern.err()).startsWith("error[E3013]: ").contains("s.mosaic:4:22:");
    assertThat(plan).doesNotExist();
  }

  @Test
  void anOverflowingLiteralFailsTheCompileAndNothingIsPrinted() throws Exception {
    Outcome o =
        mosaic(
            "run",
            script(HELLO + "print 1\nprint hello.greet(99999999999999999999999, 1)\n").toString());
    assertThat(o.exit()).isEqualTo(65);
    assertThat(o.out()).isEmpty();
    assertThat(o.err())
        .startsWith("error[E2011]: ")
        .contains("s.mosaic:6:19: integer `99999999999999999999999` does not fit in 64 bits");
  }

  @Test
  void anI32ArgumentOutOfRangeIsACompileErrorNotARuntimeOne() throws Exception {
    Outcome o =
        mosaic("run", script(HELLO + "print 1\nprint hello.greet(4294967296, 1)\n").toString());
    assertThat(o.exit()).isEqualTo(65);
    assertThat(o.out()).isEmpty();
    assertThat(o.err()).startsWith("error[E2011]: ").contains("s.mosaic:6:19:");
  }

  @Test
  void tooMuchMemoryIsRefusedAtTheLimitsLine() throws Exception {
    Outcome o = mosaic("run", script("tenant \"t\" {\n  max-memory 2 GiB\n}\n" + HELLO).toString());
    assertThat(o.exit()).isEqualTo(65);
    assertThat(o.err())
        .contains("error[E8006]: ")
        .contains("s.mosaic:2:3: plan asks for 2147483648 bytes");
  }

  @Test
  void controlCharactersFromTheScriptAreEscapedInDiagnostics() throws Exception {
    String esc = "\u001b";
    Outcome o =
        mosaic(
            "compile",
            script(
                    "tenant \"x"
                        + esc
                        + "]0;owned\u0007\"\n"
                        + HELLO
                        + "print nope // "
                        + esc
                        + "[2J"
                        + esc
                        + "c \u009b31m \u202eevil\u202c \u0000\n")
                .toString());
    assertThat(o.exit()).isEqualTo(65);
    assertThat(o.err())
        .contains("invalid tenant name `x\\u{1b}]0;owned\\u{7}`")
        .doesNotContain(esc)
        .doesNotContain("\u0007")
        .doesNotContain("\u009b")
        .doesNotContain("\u202e")
        .doesNotContain("\u0000");
  }

  @Test
  void controlCharactersInAPlanAreEscapedByInspectAndExplain() throws Exception {
    String esc = "\u001b";
    Path plan = dir.resolve("hostile.plan");
    Outcome compiled =
        mosaic(
            "compile",
            script(
                    HELLO.replace(
                        "allow hello log\n",
                        "allow hello log\n  allow hello kv \"" + esc + "]0;owned\u0007\"\n"))
                .toString(),
            "-o",
            plan.toString());
    assertThat(compiled.exit()).as(compiled.err()).isZero();
    Outcome inspect = mosaic("inspect", plan.toString());
    assertThat(inspect.out()).contains("\\u{1b}]0;owned\\u{7}").doesNotContain(esc);
    Outcome explain = mosaic("explain", plan.toString(), "hello", "kv", esc + "]0;owned\u0007");
    assertThat(explain.out()).contains("\\u{1b}]0;owned\\u{7}").doesNotContain(esc);
  }

  @Test
  void escapesAndCaretsSurviveLoneCarriageReturns() throws Exception {
    Outcome o =
        mosaic(
            "compile",
            script(HELLO.replace("\n", "\r") + "export hello.gret\r" + "print \"a\\qb\"\r")
                .toString());
    assertThat(o.exit()).isEqualTo(65);
    assertThat(o.err())
        .contains("error[E1010]: ")
        .contains("s.mosaic:6:9: unknown escape `\\q`")
        .contains("6 | print \"a\\qb\"\n  |         ^^\n");
  }
}
