package dev.mosaic.interpreter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.diag.Diagnostic;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Modules built by toolchains for other runtimes get errors that name the toolchain and the fix.
 */
class ToolchainDiagnosticsTest {
  static final Path FIXTURES = Path.of("src", "test", "resources", "fixtures");

  @TempDir Path dir;
  @TempDir Path store;

  @BeforeEach
  void copyFixtures() throws Exception {
    for (String f : new String[] {"asabort.wasm", "emscripten.wasm"}) {
      Files.copy(FIXTURES.resolve(f), dir.resolve(f));
    }
  }

  MosaicException run(String script) throws Exception {
    Path p = dir.resolve("main.mosaic");
    Files.writeString(p, script);
    try (Mosaic mosaic = Mosaic.builder().store(store).build()) {
      return catchThrowableOfType(MosaicException.class, () -> mosaic.run(p));
    }
  }

  @Test
  void assemblyScriptsAbortImportNamesTheToolchainAndTheFlag() throws Exception {
    MosaicException e = run("component asplugin from \"asabort.wasm\"\nprint asplugin.run()\n");
    Diagnostic d = e.diagnostics().getFirst();
    assertThat(d.code()).isEqualTo("E6004");
    assertThat(d.message()).isEqualTo("import `env.abort` of component `asplugin` is not bound");
    assertThat(d.help()).contains("AssemblyScript").contains("--use abort=__mosaic_abort");
  }

  @Test
  void emscriptenRuntimeImportsNameEmscripten() throws Exception {
    MosaicException e = run("component em from \"emscripten.wasm\"\nprint em.run()\n");
    Diagnostic d = e.diagnostics().getFirst();
    assertThat(d.code()).isEqualTo("E6004");
    assertThat(d.help()).contains("Emscripten").contains("STANDALONE_WASM");
  }

  @Test
  void aMalformedComponentIsACodedErrorAtItsDeclaration() throws Exception {
    // Components are read (docs/components.md); one cut short after its preamble is E4210 at the
    // line that declares it, not a core-module error.
    byte[] component = {0x00, 'a', 's', 'm', 0x0d, 0x00, 0x01, 0x00, 0x00, 0x05};
    Files.write(dir.resolve("app.wasm"), component);
    MosaicException e = run("component app from \"app.wasm\"\nprint app.run()\n");
    Diagnostic d = e.diagnostics().getFirst();
    assertThat(d.code()).isEqualTo("E4210");
    assertThat(d.location().line()).isEqualTo(1);
  }
}
