package dev.mosaic.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.plan.Diagnostic;
import dev.mosaic.plan.FileBlobStore;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * WASI preview 1 imports need the `files` capability, and the compiler says so at the component.
 */
class WasiGrantTest {
  static final Path DIR = Path.of("src", "test", "resources", "wasi");

  @TempDir Path store;

  @Test
  void aWasiComponentWithoutAFilesGrantIsRefusedAtItsDeclaration() {
    String script = "mosaic 1\ncomponent reader from \"wasifiles.wasm\"\n";
    CompileResult result = new Compiler(new FileBlobStore(store)).compile("w.mosaic", script, DIR);
    assertThat(result.diagnostics()).extracting(Diagnostic::code).containsExactly("E7001");
    Diagnostic d = result.diagnostics().getFirst();
    assertThat(d.message()).isEqualTo("capability `files` is not granted to component `reader`");
    assertThat(d.location().line()).isEqualTo(2);
  }

  @Test
  void aFilesGrantLetsItCompileAndReachShowsFiles() {
    String script =
        "mosaic 1\ncomponent reader from \"wasifiles.wasm\"\n"
            + "policy { allow reader files \"/data/*\" }\n";
    CompileResult result = new Compiler(new FileBlobStore(store)).compile("w.mosaic", script, DIR);
    assertThat(result.diagnostics()).isEmpty();
    assertThat(result.reach().toString()).contains("files");
  }
}
