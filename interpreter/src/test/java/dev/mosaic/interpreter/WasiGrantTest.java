package dev.mosaic.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.interpreter.compiler.Compiler;
import dev.mosaic.plan.store.FileBlobStore;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * WASI preview 1 imports need no grant of their own: `files` rules pre-open directories, `clock`
 * and `random` cover WASI's clocks and randomness, and the compiler says so at the component.
 */
class WasiGrantTest {
  static final Path DIR = Path.of("src", "test", "resources", "wasi");

  @TempDir Path store;

  @Test
  void aWasiComponentWithoutAFilesGrantCompilesAndReachesNothing() {
    String script = "mosaic 1\ncomponent reader from \"wasifiles.wasm\"\n";
    CompileResult result = new Compiler(new FileBlobStore(store)).compile("w.mosaic", script, DIR);
    assertThat(result.diagnostics()).isEmpty();
    assertThat(result.reach().getFirst().direct()).isEmpty();
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
