package dev.mosaic.interpreter.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.host.Composition;
import dev.mosaic.interpreter.CompileOptions;
import dev.mosaic.interpreter.CompileResult;
import dev.mosaic.interpreter.Mosaic;
import dev.mosaic.plan.MosaicException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Statements run batch by batch, as a REPL session runs them. */
class ScriptRunnerTest {
  static final Path DIR = Path.of("..", "examples", "hello");
  static final String DECLARATIONS =
      "component hello from \"hello.wasm\"\npolicy { allow hello log }\n";

  @TempDir Path store;

  @Test
  void variablesOutliveTheRunnerAndItsComposition() {
    List<String> printed = new ArrayList<>();
    Map<String, Object> variables = new HashMap<>();
    try (Mosaic mosaic = Mosaic.builder().store(store).guestLog(line -> {}).build()) {
      CompileResult first =
          mosaic.compile("s", DECLARATIONS + "let sum = hello.greet(2, 3)\n", DIR).orThrow();
      try (Composition c = mosaic.instantiate(mosaic.load(mosaic.encode(first.plan())))) {
        Object value = new ScriptRunner(c, printed::add, "s", variables).run(first.statements());
        assertThat(value).isEqualTo(5L);
      }
      CompileResult second =
          mosaic
              .compile(
                  "s",
                  DECLARATIONS + "print sum\n",
                  DIR,
                  CompileOptions.session(variables.keySet()))
              .orThrow();
      try (Composition c = mosaic.instantiate(mosaic.load(mosaic.encode(second.plan())))) {
        new ScriptRunner(c, printed::add, "s", variables).run(second.statements());
      }
    }
    assertThat(variables).containsEntry("sum", 5L);
    assertThat(printed).containsExactly("5");
  }

  @Test
  void variablesMissingAtRunTimeAreCodedErrors() {
    try (Mosaic mosaic = Mosaic.builder().store(store).build()) {
      CompileResult compiled =
          mosaic
              .compile(
                  "s", "print nothing\n", DIR, CompileOptions.session(java.util.Set.of("nothing")))
              .orThrow();
      try (Composition c = mosaic.instantiate(mosaic.load(mosaic.encode(compiled.plan())))) {
        ScriptRunner runner = new ScriptRunner(c, line -> {}, "s", new HashMap<>());
        assertThatThrownBy(() -> runner.run(compiled.statements()))
            .isInstanceOf(MosaicException.class)
            .hasMessage("error[E2007]: s:1:7: unknown name `nothing`");
      }
    }
  }
}
