package dev.mosaic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Components at the command line: `--reach` and `explain` name their WIT interfaces, and `exec
 * --call` reads a component function's arguments as WAVE values typed by its WIT parameters.
 */
class ComponentFrontDoorTest {
  static final Path GUESTS = Path.of("src", "test", "resources", "guests");

  @TempDir Path dir;

  record Outcome(int exit, String out, String err) {}

  Outcome mosaic(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--store";
    all[args.length + 1] = dir.resolve("store").toString();
    int exit = Main.execute(all, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Outcome(exit, out.toString(), err.toString());
  }

  @BeforeEach
  void copyComponents() throws Exception {
    for (String name : new String[] {"app", "calc", "values"}) {
      Files.copy(GUESTS.resolve("component-" + name + ".wasm"), dir.resolve(name + ".wasm"));
    }
  }

  @Test
  void reachNamesTheImportedInterfaceItsFunctionsAndItsProvider() throws Exception {
    Path script =
        write(
            "compose.mosaic",
            """
            component app from "app.wasm"
            component calc from "calc.wasm"
            bind app."mosaic:calc/ops@0.1.0" -> calc
            export app.run
            """);
    Outcome o = mosaic("compile", script.toString(), "--reach", "-o", dir.resolve("p").toString());
    assertThat(o.exit()).as(o.err()).isZero();
    assertThat(o.out())
        .contains("app\n")
        .contains("  imports mosaic:calc/ops@0.1.0 (add, neg) from calc\n");
  }

  @Test
  void anUnboundInterfaceIsE6004WithTheBindToWrite() throws Exception {
    Path script =
        write(
            "unbound.mosaic",
            """
            component app from "app.wasm"
            component calc from "calc.wasm"
            """);
    Outcome o = mosaic("compile", script.toString());
    assertThat(o.exit()).isNotZero();
    assertThat(o.err())
        .contains("error[E6004]")
        .contains("interface `mosaic:calc/ops@0.1.0` imported by component `app` is not bound")
        .contains("bind app.\"mosaic:calc/ops@0.1.0\" -> calc");
  }

  @Test
  void execReadsArgumentsAsWaveAndReportsAMismatchAtItsColumn() throws Exception {
    Path plan = valuesPlan();
    Outcome bad = mosaic("exec", plan.toString(), "--call", "vals.half", "4.5");
    assertThat(bad.exit()).isEqualTo(65);
    assertThat(bad.err())
        .contains("error[E2041]")
        .contains(
            "argument 1 (`n: s32`) of `vals.half`: value at column 1: expected s32, a whole number")
        .doesNotContain("Exception");
    Outcome tuple = mosaic("exec", plan.toString(), "--call", "vals.swap", "(1, \"x\")");
    assertThat(tuple.exit()).isEqualTo(65);
    assertThat(tuple.err())
        .contains(
            "argument 1 (`p: tuple<s32, s32>`) of `vals.swap`: value at column 5: expected s32");
    Outcome arity = mosaic("exec", plan.toString(), "--call", "vals.swap");
    assertThat(arity.exit()).isNotZero();
    assertThat(arity.err())
        .contains(
            "`vals.swap` is func(p: tuple<s32, s32>) -> tuple<s32, s32>: it takes 1 arguments, got 0");
  }

  @Test
  void execCallsAComponentFunctionWithWaveArgumentsAndPrintsItsResultInWave() throws Exception {
    Path plan = valuesPlan();
    Outcome half = mosaic("exec", plan.toString(), "--call", "vals.half", "8");
    assertThat(half.exit()).as(half.err()).isZero();
    assertThat(half.out()).isEqualTo("ok(4)\n");
    Outcome odd = mosaic("exec", plan.toString(), "--call", "vals.half", "9");
    assertThat(odd.out()).isEqualTo("err(\"odd\")\n");
    Outcome swap = mosaic("exec", plan.toString(), "--call", "vals.swap", "(1, -2)");
    assertThat(swap.exit()).as(swap.err()).isZero();
    assertThat(swap.out()).isEqualTo("(-2, 1)\n");
  }

  @Test
  void aScriptPassesWaveValuesAndPrintsCompoundResultsInWave() throws Exception {
    Path script =
        write(
            "wave.mosaic",
            """
            component vals from "values.wasm"
            component calc from "calc.wasm"
            print vals.swap((1, -2))
            let t = vals.swap((3, 4))
            print vals.swap(t)
            print vals.half(8)
            print calc."mosaic:calc/ops@0.1.0#neg"(5)
            """);
    Outcome o = mosaic("run", script.toString());
    assertThat(o.exit()).as(o.err()).isZero();
    assertThat(o.out()).isEqualTo("(-2, 1)\n(3, 4)\nok(4)\n-5\n");
  }

  @Test
  void aWaveValueThatDoesNotFitIsE2041AtItsLineAndColumnBeforeAnythingRuns() throws Exception {
    Path script =
        write(
            "bad.mosaic",
            """
            component vals from "values.wasm"
            print vals.half(8)
            print vals.swap((1, "two"))
            """);
    Outcome o = mosaic("run", script.toString());
    assertThat(o.exit()).isEqualTo(65);
    assertThat(o.out()).isEmpty();
    assertThat(o.err())
        .startsWith("error[E2041]: ")
        .contains("bad.mosaic:3:21: argument 1 (`p: tuple<s32, s32>`) of `vals.swap`: expected s32")
        .doesNotContain("Exception");
  }

  @Test
  void aCompoundResultOfAnotherShapePassedBackIsE2041AtTheArgument() throws Exception {
    Path script =
        write(
            "shape.mosaic",
            """
            component vals from "values.wasm"
            let r = vals.half(3)
            print vals.swap(r)
            """);
    Outcome o = mosaic("run", script.toString());
    assertThat(o.exit()).isEqualTo(65);
    assertThat(o.err())
        .startsWith("error[E2041]: ")
        .contains("shape.mosaic:3:17: a result<s32, string> where tuple<s32, s32> goes")
        .doesNotContain("Exception");
  }

  @Test
  void anInterfaceFunctionExportedByAScriptIsAnEntryPointOfExec() throws Exception {
    Path script =
        write(
            "iface.mosaic",
            """
            component calc from "calc.wasm"
            export calc."mosaic:calc/ops@0.1.0#neg"
            """);
    Path plan = dir.resolve("iface.plan");
    Outcome compiled = mosaic("compile", script.toString(), "-o", plan.toString());
    assertThat(compiled.exit()).as(compiled.err()).isZero();
    Outcome neg = mosaic("exec", plan.toString(), "--call", "calc.mosaic:calc/ops@0.1.0#neg", "7");
    assertThat(neg.exit()).as(neg.err()).isZero();
    assertThat(neg.out()).isEqualTo("-7\n");
    Path typo =
        write(
            "unknown.mosaic",
            """
            component calc from "calc.wasm"
            export calc."mosaic:calc/ops@0.1.0#nope"
            """);
    Outcome unknown = mosaic("compile", typo.toString());
    assertThat(unknown.exit()).isNotZero();
    assertThat(unknown.err()).contains("error[E2004]").contains("mosaic:calc/ops@0.1.0#neg");
  }

  @Test
  void execHelpShowsTheWaveCaseSyntaxWithoutAFormatWarning() {
    Outcome help = mosaic("exec", "--help");
    assertThat(help.out() + help.err()).contains("%case(v)").doesNotContain("WARN");
  }

  private Path valuesPlan() throws Exception {
    Path script =
        write(
            "values.mosaic",
            """
            component vals from "values.wasm"
            export vals.half
            export vals.swap
            """);
    Path plan = dir.resolve("values.plan");
    Outcome o = mosaic("compile", script.toString(), "-o", plan.toString());
    assertThat(o.exit()).as(o.err()).isZero();
    return plan;
  }

  private Path write(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }
}
