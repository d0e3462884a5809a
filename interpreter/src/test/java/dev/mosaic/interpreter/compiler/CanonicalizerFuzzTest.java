package dev.mosaic.interpreter.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mosaic.dsl.ParseResult;
import dev.mosaic.dsl.ScriptParser;
import dev.mosaic.dsl.ast.Item;
import dev.mosaic.interpreter.FuzzBudget;
import dev.mosaic.interpreter.diag.Problems;
import dev.mosaic.interpreter.model.InterfaceModel;

/**
 * Fuzz target for interface canonicalization: any interface that parses and resolves has a
 * canonical text that parses, resolves and canonicalizes to itself, with the same digest; an
 * interface that does not resolve is reported with E2xxx codes, never an exception; each input
 * takes at most a second of CPU ({@link FuzzBudget}). In a normal build it runs the seeds in {@code
 * CanonicalizerFuzzTestInputs/canonicalize}.
 */
class CanonicalizerFuzzTest {

  @FuzzTest(maxDuration = "30s")
  @DictionaryEntries({
    "load \"",
    "component x from \"",
    "\" signed by \"",
    "/dev/zero",
    "/dev/stdin",
    "/proc/self/environ",
    "/proc/self/fd/0",
    "../",
    "\u0000",
    "\uFEFF",
    "\r",
    "\u001b[",
    "record r { x: list<list<string>> }",
    "f: func(a: s32) -> bytes;"
  })
  void canonicalize(FuzzedDataProvider data) {
    String body = data.consumeRemainingAsString();
    FuzzBudget.within(() -> check(body));
  }

  private static boolean check(String body) {
    ParseResult parsed = ScriptParser.parse("fuzz.mosaic", "interface fuzz {\n" + body + "\n}");
    if (!parsed.ok()
        || parsed.script().items().size() != 1
        || !(parsed.script().items().getFirst() instanceof Item.Interface decl)) {
      return true;
    }
    Problems problems = new Problems();
    InterfaceModel model = new InterfaceStage(problems).resolve("fuzz.mosaic", decl);
    if (model == null) {
      assertThat(problems.list())
          .isNotEmpty()
          .allSatisfy(d -> assertThat(d.code()).startsWith("E20"));
      return true;
    }
    ParseResult again = ScriptParser.parse("canonical.mosaic", model.canonical());
    assertThat(again.errors()).as(model.canonical()).isEmpty();
    Problems none = new Problems();
    InterfaceModel second =
        new InterfaceStage(none)
            .resolve("canonical.mosaic", (Item.Interface) again.script().items().getFirst());
    assertThat(none.list()).isEmpty();
    assertThat(second.canonical()).isEqualTo(model.canonical());
    assertThat(second.digest()).isEqualTo(model.digest());
    return true;
  }
}
