package dev.mosaic.cli.repl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.interpreter.Mosaic;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The REPL driven through a dumb terminal over piped streams, as a user types into it. */
class ReplTest {
  @TempDir Path dir;

  @BeforeEach
  void copyGuests() throws Exception {
    Files.copy(Path.of("..", "examples", "hello", "hello.wasm"), dir.resolve("hello.wasm"));
    try (var in = Objects.requireNonNull(getClass().getResourceAsStream("/repl/counter.wasm"))) {
      Files.copy(in, dir.resolve("counter.wasm"));
    }
  }

  /** Types the lines into a fresh REPL and returns everything it wrote. */
  String type(String... lines) throws Exception {
    String input = String.join("\n", lines) + "\n";
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    try (Terminal terminal =
            new DumbTerminal(
                "test",
                "dumb",
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                output,
                StandardCharsets.UTF_8);
        Repl repl =
            new Repl(
                terminal,
                Mosaic.builder().store(dir.resolve("store")),
                dir.resolve("history"),
                dir)) {
      assertThat(repl.run()).isZero();
    }
    return output.toString(StandardCharsets.UTF_8).replace("\r", "");
  }

  static final String HELLO = "component hello from \"hello.wasm\"";

  @Test
  void auditShowsTheSessionTenantsLatestEvents() throws Exception {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    String input =
        String.join("\n", HELLO, "policy { allow hello log }", "hello.greet(1, 2)", ":audit 2")
            + "\n";
    try (Terminal terminal =
            new DumbTerminal(
                "test",
                "dumb",
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                output,
                StandardCharsets.UTF_8);
        Repl repl =
            new Repl(
                terminal,
                Mosaic.builder().store(dir.resolve("store")),
                dir.resolve("history"),
                dir,
                dir.resolve("audit"))) {
      assertThat(repl.run()).isZero();
    }
    String out = output.toString(StandardCharsets.UTF_8).replace("\r", "");
    List<String> log = Files.readAllLines(dir.resolve("audit/default/audit.jsonl"));
    assertThat(out).contains(log.get(log.size() - 2) + "\n" + log.getLast() + "\n");
    assertThat(log).anyMatch(l -> l.contains("\"action\":\"instantiate\""));
    assertThat(log).filteredOn(l -> l.contains("\"event_type\":\"blob\"")).hasSize(1);
  }

  @Test
  void auditWithoutAnAuditDirectorySaysSo() throws Exception {
    assertThat(type(":audit")).contains("this session keeps no audit log");
  }

  @Test
  void declarationsStayAndStatementsRunWithGuestOutput() throws Exception {
    String out =
        type(HELLO, "policy {", "  allow hello log", "}", "hello.greet(20, 22)", "print 7");
    assertThat(out).contains("[hello] hello, world\n42\n");
    assertThat(out).contains("7\n");
  }

  @Test
  void waveValuesPassToComponentFunctionsAndResultsPrintInWave() throws Exception {
    Path guests = Path.of("src", "test", "resources", "guests");
    Files.copy(guests.resolve("component-values.wasm"), dir.resolve("values.wasm"));
    Files.copy(guests.resolve("component-calc.wasm"), dir.resolve("calc.wasm"));
    String out =
        type(
            "component vals from \"values.wasm\"",
            "component calc from \"calc.wasm\"",
            "vals.swap((1, -2))",
            "let t = vals.swap((3, 4))",
            "t",
            "vals.swap(t)",
            "vals.half(3)",
            "calc.\"mosaic:calc/ops@0.1.0#neg\"(5)",
            "vals.swap((1, \"two\"))",
            "vals.swap(none)");
    assertThat(out).contains("(-2, 1)\n").contains("(4, 3)\n").contains("(3, 4)\n");
    assertThat(out).contains("err(\"odd\")\n").contains("-5\n");
    assertThat(out)
        .contains("error[E2041]")
        .contains("argument 1 (`p: tuple<s32, s32>`) of `vals.swap`: expected s32")
        .contains("expected tuple<s32, s32>");
  }

  @Test
  void stringsPassToAndFromAGuestThatDeclaresThem() throws Exception {
    Files.copy(
        Path.of("src", "test", "resources", "guests", "text.wasm"), dir.resolve("text.wasm"));
    String out =
        type(
            "component text from \"text.wasm\"",
            "print text.upper(\"héllo\")",
            "let e = text.echo(\"Hi\")",
            "print e",
            "print text.upper(1)");
    assertThat(out).contains("HéLLO\n").contains("0x4869\n");
    assertThat(out).contains("error[E2011]").contains("argument 1 of `text.upper` is string");
  }

  @Test
  void aPointerShapedBindingWithoutDeclarationsIsWarnedAboutOnce() throws Exception {
    for (String f : List.of("rawtext.wasm", "shout.wasm")) {
      Files.copy(Path.of("src", "test", "resources", "guests", f), dir.resolve(f));
    }
    String out =
        type(
            "component raw from \"rawtext.wasm\"",
            "component shout from \"shout.wasm\"",
            "bind shout.text.upper -> raw.upper",
            "print 1");
    assertThat(out).contains("warning[E2040]").contains("looks like strings or bytes");
    assertThat(out.split("warning\\[E2040\\]", -1)).hasSize(2);
    assertThat(out).contains("1\n");
  }

  @Test
  void openBracesShowTheContinuationPromptUntilClosed() throws Exception {
    String out =
        type(HELLO, "policy {", "  allow hello log", "}", "hello.greet(", "1, 2)", ":plan");
    // A dumb terminal does not redraw, so the continuation prompt is not drawn there (the tmux
    // check sees it); what shows is that seven lines were read as four inputs: five prompts,
    // counting the one that meets the end of input.
    assertThat(out.split(Repl.PROMPT, -1)).hasSize(6);
    assertThat(out).contains("[hello] hello, world\n3\n");
    assertThat(out).contains("policy (1 rule, deny by default)\n  allow hello log\n");
  }

  @Test
  void errorsShowCaretsAndTheSessionGoesOn() throws Exception {
    String out =
        type(
            HELLO,
            "policy { allow hello log }",
            "print helo.greet(1, 2)",
            "print hello.greet(1, 2)");
    assertThat(out)
        .contains(
            "error[E2001]: <repl>:1:7: unknown component `helo`\n"
                + "  |\n"
                + "1 | print helo.greet(1, 2)\n"
                + "  |       ^^^^ help: did you mean `hello`?\n");
    assertThat(out).contains("[hello] hello, world\n3\n");
    assertThat(out).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void syntaxErrorsPointIntoTheInputThatHasThem() throws Exception {
    String out = type(HELLO, "policy { allow hello log }", "let = 3", "print 1");
    assertThat(out).contains("error[E1001]: <repl>:1:5: ").contains("1 | let = 3\n");
    assertThat(out).contains("1\n");
  }

  @Test
  void aPlanThatDoesNotValidateKeepsItsDeclarationsUntilFixed() throws Exception {
    String out =
        type(HELLO, "hello.greet(1, 1)", "policy { allow hello log }", "hello.greet(1, 1)");
    assertThat(out).contains("error[E7001]: capability `log` is not granted to component `hello`");
    assertThat(out).contains("the declarations are kept");
    // the first call waits; the one after the policy runs
    assertThat(out.split("\\[hello\\] hello, world", -1)).hasSize(2);
    assertThat(out).contains("[hello] hello, world\n2\n");
  }

  @Test
  void statementsKeepTheCompositionAndDeclarationsReplaceIt() throws Exception {
    String out =
        type(
            "component counter from \"counter.wasm\"",
            "counter.next()",
            "counter.next()",
            "let kept = counter.next()",
            HELLO,
            "policy { allow hello log }",
            "counter.next()",
            "print kept");
    // statements alone keep the instance: 1, 2 (and 3 into `kept`); the new declarations
    // re-instantiate it, so the counter starts again while the variable stays
    assertThat(out).containsSubsequence("> 1\n", "> 2\n", "> 1\n", "> 3\n");
  }

  @Test
  void planCapsAndExplainDescribeTheSession() throws Exception {
    String out =
        type(
            HELLO,
            "policy {",
            "  allow hello log",
            "  deny * secret",
            "}",
            ":plan",
            ":caps",
            ":explain hello log",
            ":explain hello secret api-key",
            ":explain hello net");
    assertThat(out).containsPattern("plan     sha256:[0-9a-f]{64}\n");
    assertThat(out).contains("  hello  sha256:").contains("    export greet (i32, i32) -> (i32)");
    assertThat(out).contains("  log      imported     granted by `allow hello log`");
    assertThat(out)
        .contains(
            "allowed: `hello` may use `log`\n"
                + "  by rule `allow hello log` at <repl>:2:3\n"
                + "   |   allow hello log\n");
    assertThat(out)
        .contains(
            "denied: `hello` may not use `secret` with `api-key`\n"
                + "  by rule `deny * secret` at <repl>:3:3\n");
    assertThat(out).contains("error: unknown capability `net`");
  }

  @Test
  void resetForgetsDeclarations() throws Exception {
    String out = type(HELLO, "policy { allow hello log }", ":reset", "hello.greet(1, 2)", ":plan");
    assertThat(out).contains("session reset");
    assertThat(out).contains("error[E2001]: <repl>:1:1: unknown component `hello`");
    assertThat(out).contains("no plan yet");
  }

  @Test
  void loadStartsFromAScriptAndRunsItsStatements() throws Exception {
    Path script = dir.resolve("sub").resolve("hello.mosaic");
    Files.createDirectories(script.getParent());
    Files.copy(dir.resolve("hello.wasm"), script.resolveSibling("hello.wasm"));
    Files.writeString(
        script,
        "mosaic 1\ncomponent hello from \"hello.wasm\"\npolicy { allow hello log }\n"
            + "print hello.greet(2, 3)\n");
    String out = type(":load " + script, "hello.greet(10, 10)", ":load nope.mosaic");
    assertThat(out).contains("[hello] hello, world\n5\n").contains("[hello] hello, world\n20\n");
    assertThat(out).contains("error[E4002]: script `nope.mosaic` does not exist");
  }

  @Test
  void loadRefusesDevicesAndFifosAndInputsStayInTheirDirectory() throws Exception {
    Path fifo = dir.resolve("pipe.mosaic");
    Process mkfifo;
    try {
      mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    } catch (java.io.IOException e) {
      org.junit.jupiter.api.Assumptions.abort("mkfifo is not installed: " + e.getMessage());
      return;
    }
    assertThat(mkfifo.waitFor()).isZero();
    String out =
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
            java.time.Duration.ofSeconds(60),
            () -> type(":load /dev/zero", ":load " + fifo, "load \"/etc/passwd\"", "print 7"));
    assertThat(out)
        .contains("error[E0012]: script `/dev/zero` is a character device, not a file")
        .contains("error[E0012]: script `" + fifo + "` is a FIFO, not a file")
        .contains("error[E2027]: ")
        .contains("7\n")
        .doesNotContain("root:");
  }

  @Test
  void commandsHaveHelpUnknownOnesAreNamedAndQuitEnds() throws Exception {
    String out = type(":help", ":frob", ":explain", ":quit", "print 99");
    assertThat(out).contains(":load FILE").contains(":explain COMPONENT CAPABILITY [PARAM]");
    assertThat(out).contains("error: unknown command `:frob`");
    assertThat(out).contains("usage: :explain COMPONENT CAPABILITY [PARAM]");
    assertThat(out).doesNotContain("99\n");
  }

  @Test
  void historyIsKeptInItsFile() throws Exception {
    type("print 1", "print 2");
    assertThat(Files.readString(dir.resolve("history"))).contains("print 1").contains("print 2");
  }
}
