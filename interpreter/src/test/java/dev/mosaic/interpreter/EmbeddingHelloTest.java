package dev.mosaic.interpreter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.host.Composition;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.ValidatedPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hello example, end to end through the embedding facade. */
class EmbeddingHelloTest {
  static final Path HELLO = Path.of("..", "examples", "hello", "hello.mosaic");

  @TempDir Path store;

  @Test
  void runsTheHelloExample() {
    List<String> printed = new ArrayList<>();
    List<String> logged = new ArrayList<>();
    try (Mosaic mosaic =
        Mosaic.builder().store(store).output(printed::add).guestLog(logged::add).build()) {
      Object result = mosaic.run(HELLO);
      assertThat(result).isEqualTo(42L);
    }
    assertThat(logged).containsExactly("[hello] hello, world");
    assertThat(printed).containsExactly("42");
  }

  @Test
  void compilesToTheSameBytesEveryTime() {
    try (Mosaic mosaic = Mosaic.builder().store(store).build()) {
      byte[] first = mosaic.encode(mosaic.compile(HELLO).orThrow().plan());
      byte[] second = mosaic.encode(mosaic.compile(HELLO).orThrow().plan());
      assertThat(second).isEqualTo(first);
    }
  }

  @Test
  void loadsACompiledPlanAndCallsItsExport() {
    try (Mosaic mosaic = Mosaic.builder().store(store).guestLog(line -> {}).build()) {
      byte[] planBytes = mosaic.encode(mosaic.compile(HELLO).orThrow().plan());
      ValidatedPlan plan = mosaic.load(planBytes);
      assertThat(plan.tenant()).isEqualTo("demo");
      try (Composition composition = mosaic.instantiate(plan)) {
        assertThat(composition.call("hello", "greet", List.of(1, 2))).isEqualTo(3L);
        assertThat(composition.call("hello", "greet", List.of(-5, 2))).isEqualTo(-3L);
      }
    }
  }

  @Test
  void refusesToRunWhenThePolicyDoesNotGrantLog(@TempDir Path dir) throws Exception {
    Files.copy(HELLO.resolveSibling("hello.wasm"), dir.resolve("hello.wasm"));
    Path script = dir.resolve("denied.mosaic");
    Files.writeString(script, Files.readString(HELLO).replace("allow hello log", "deny hello log"));
    List<String> logged = new ArrayList<>();
    try (Mosaic mosaic = Mosaic.builder().store(store).guestLog(logged::add).build()) {
      assertThatThrownBy(() -> mosaic.run(script))
          .isInstanceOfSatisfying(
              MosaicException.class,
              e -> {
                assertThat(e.code()).isEqualTo("E7001");
                assertThat(e.exitCode()).isEqualTo(77);
              });
    }
    assertThat(logged).as("the guest never ran").isEmpty();
  }
}
