package dev.mosaic.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.interpreter.diag.LangCodes;
import dev.mosaic.plan.diag.Diagnostic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A binding whose two ends disagree about strings and bytes, or that passes what looks like
 * pointers with no declaration anywhere, is caught when the script compiles rather than giving
 * wrong values when it runs.
 */
class AbiAgreementTest {
  static final Path FIXTURES = Path.of("src", "test", "resources", "fixtures");
  static final String TEXTS = "interface texts {\n  upper: func(s: string) -> string\n}\n";
  static final String NUMBERS = "interface numbers {\n  upper: func(a: s32, b: s32) -> s64\n}\n";

  @TempDir Path dir;
  @TempDir Path store;
  final List<String> printed = new ArrayList<>();

  @BeforeEach
  void copyFixtures() throws Exception {
    for (String f : List.of("text.wasm", "rawtext.wasm", "shout.wasm")) {
      Files.copy(FIXTURES.resolve(f), dir.resolve(f));
    }
  }

  CompileResult compile(String script) throws Exception {
    Path p = dir.resolve("main.mosaic");
    Files.writeString(p, script);
    try (Mosaic mosaic = Mosaic.builder().store(store).output(printed::add).build()) {
      return mosaic.compile(p);
    }
  }

  @Test
  void anInterfaceWithStringsBoundToAnExporterThatDeclaresNoneIsAnError() throws Exception {
    CompileResult r =
        compile(
            TEXTS
                + "component raw from \"rawtext.wasm\" implements texts\n"
                + "component shout from \"shout.wasm\"\n"
                + "bind shout.text: texts -> raw\n");
    assertThat(r.diagnostics())
        .extracting(Diagnostic::code, d -> d.location().line())
        .containsExactly(org.assertj.core.groups.Tuple.tuple(LangCodes.ABI_MISMATCH, 6));
    assertThat(r.diagnostics().getFirst().message())
        .isEqualTo(
            "`shout.text.upper` -> `raw.upper`: interface `texts` passes strings or bytes, but"
                + " `raw` declares no kinds for `upper`");
  }

  @Test
  void anInterfaceWithNumbersBoundToAnExporterThatDeclaresStringsIsAnError() throws Exception {
    CompileResult r =
        compile(
            NUMBERS
                + "component text from \"text.wasm\" implements numbers\n"
                + "component shout from \"shout.wasm\"\n"
                + "bind shout.text: numbers -> text\n");
    assertThat(r.diagnostics()).extracting(Diagnostic::code).containsExactly("E2040");
    assertThat(r.diagnostics().getFirst().message())
        .contains(
            "interface `numbers` passes numbers only, but `text` declares `string -> string`");
  }

  @Test
  void pointerShapedTypesWithNoDeclarationAnywhereGetAWarningAndStillCompile() throws Exception {
    CompileResult r =
        compile(
            "component raw from \"rawtext.wasm\"\n"
                + "component shout from \"shout.wasm\"\n"
                + "bind shout.text.upper -> raw.upper\n");
    assertThat(r.ok()).isTrue();
    assertThat(r.warnings())
        .extracting(Diagnostic::code, d -> d.location().line())
        .containsExactly(org.assertj.core.groups.Tuple.tuple("E2040", 3));
    assertThat(r.renderWarnings())
        .startsWith("warning[E2040]: ")
        .contains("looks like strings or bytes")
        .contains("bind shout.text.upper -> raw.upper");
  }

  @Test
  void declaredKindsThatAgreeCompileWithoutAWord() throws Exception {
    CompileResult r =
        compile(
            TEXTS
                + "component text from \"text.wasm\" implements texts\n"
                + "component shout from \"shout.wasm\"\n"
                + "bind shout.text: texts -> text\n"
                + "print shout.shout(\"hi\")\n");
    assertThat(r.diagnostics()).isEmpty();
    assertThat(r.warnings()).isEmpty();
    try (Mosaic mosaic = Mosaic.builder().store(store).output(printed::add).build()) {
      mosaic.run(r);
    }
    assertThat(printed).containsExactly("HI!");
  }
}
