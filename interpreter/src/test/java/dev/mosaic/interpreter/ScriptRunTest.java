package dev.mosaic.interpreter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.interpreter.compiler.Compiler;
import dev.mosaic.interpreter.diag.LangCodes;
import dev.mosaic.plan.MosaicException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Script statements run end to end: let, call, print, assert, load. */
class ScriptRunTest {
  static final Path FIXTURES = Path.of("src", "test", "resources", "fixtures");

  @TempDir Path dir;
  @TempDir Path store;
  final List<String> printed = new ArrayList<>();

  @BeforeEach
  void copyFixture() throws Exception {
    Files.copy(FIXTURES.resolve("calc.wasm"), dir.resolve("calc.wasm"));
  }

  Object run(String script) throws Exception {
    Path p = dir.resolve("main.mosaic");
    Files.writeString(p, script);
    try (Mosaic mosaic = Mosaic.builder().store(store).output(printed::add).build()) {
      return mosaic.run(p);
    }
  }

  @Test
  void runsStatementsInOrderWithVariables() throws Exception {
    Object last =
        run(
            """
            component calc from "calc.wasm"
            let a = calc.add(40, 2)
            print a
            let b = calc.neg(a)
            assert b == -42, "negated"
            assert calc.half(5.0) == 2.5
            assert a != b
            print calc.add(a, 1)
            """);
    assertThat(printed).containsExactly("42", "43");
    assertThat(last).isEqualTo(43L);
  }

  @Test
  void aFailedAssertionStopsTheScriptWithItsLocation() {
    assertThatThrownBy(
            () ->
                run(
                    """
                    component calc from "calc.wasm"
                    print 1
                    assert calc.add(1, 1) == 3, "one and one"
                    print 2
                    """))
        .isInstanceOfSatisfying(
            MosaicException.class,
            e -> {
              assertThat(e.code()).isEqualTo(LangCodes.ASSERTION_FAILED);
              assertThat(e.diagnostics().getFirst().header())
                  .endsWith("main.mosaic:3:1: assertion failed: 2 is not 3: one and one");
            });
    assertThat(printed).containsExactly("1");
  }

  @Test
  void loadedFilesContributeDeclarationsAndStatements() throws Exception {
    Files.writeString(
        dir.resolve("decls.mosaic"), "component calc from \"calc.wasm\"\nlet base = 100\n");
    run("load \"decls.mosaic\"\nprint calc.add(base, 1)\n");
    assertThat(printed).containsExactly("101");
  }

  @Test
  void errorsInALoadedFileRenderWithThatFilesLine() throws Exception {
    Files.writeString(dir.resolve("decls.mosaic"), "// decls\ncomponent calc from \"calx.wasm\"\n");
    Path p = dir.resolve("main.mosaic");
    Files.writeString(p, "load \"decls.mosaic\"\nexport calk.add\n");
    try (Mosaic mosaic = Mosaic.builder().store(store).build()) {
      CompileResult r = mosaic.compile(p);
      assertThat(r.render())
          .contains("decls.mosaic:2:1: component file `calx.wasm` does not exist")
          .contains("2 | component calc from \"calx.wasm\"\n");
    }
  }

  @Test
  void conditionsSelectRulesByEnvironment(@TempDir Path other) throws Exception {
    Files.copy(FIXTURES.resolve("hello.wasm"), dir.resolve("hello.wasm"));
    String script =
        """
        component hello from "hello.wasm"
        policy {
          allow hello log when env == "prod"
        }
        """;
    var compiler = new Compiler(new dev.mosaic.plan.store.FileBlobStore(other, 1 << 20), "prod");
    assertThat(compiler.compile("p.mosaic", script, dir).diagnostics()).isEmpty();
    var dev = new Compiler(new dev.mosaic.plan.store.FileBlobStore(other, 1 << 20));
    assertThat(dev.compile("p.mosaic", script, dir).diagnostics())
        .extracting(d -> d.code())
        .containsExactly("E7001");
  }
}
