package dev.mosaic.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.plan.EntryPoint;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Functions a script calls are entry points of its plan, so a component the script only calls (not
 * exported, not bound) is part of the composition rather than disconnected (E5002).
 */
class CalledEntryPointsTest {
  static final Path FIXTURES = Path.of("src", "test", "resources", "fixtures");

  @TempDir Path store;

  static final String SCRIPT =
      """
      mosaic 1
      component hello from "hello.wasm"
      component calc from "calc.wasm"
      policy { allow hello log }
      export hello.greet
      print calc.add(40, 2)
      print calc.add(1, 1)
      print hello.greet(1, 2)
      """;

  @Test
  void calledFunctionsFollowTheExportsOnce() {
    try (Mosaic mosaic = Mosaic.builder().store(store).build()) {
      CompileResult compiled = mosaic.compile("s.mosaic", SCRIPT, FIXTURES).orThrow();
      assertThat(compiled.plan().entryPoints())
          .containsExactly(new EntryPoint("hello", "greet"), new EntryPoint("calc", "add"));
    }
  }

  @Test
  void aComponentTheScriptOnlyCallsValidatesAndRuns() {
    List<String> printed = new ArrayList<>();
    try (Mosaic mosaic =
        Mosaic.builder().store(store).output(printed::add).guestLog(line -> {}).build()) {
      mosaic.run(mosaic.compile("s.mosaic", SCRIPT, FIXTURES));
    }
    assertThat(printed).containsExactly("42", "2", "3");
  }
}
