package dev.mosaic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's training run for the light verbs' AOT cache does each verb's real work. */
class AotTrainingTest {
  @TempDir Path dir;

  @Test
  void everyVerbThatRunsNoGuestIsTrained() {
    Set<String> trained =
        AotTraining.commandLines(Path.of("x.mosaic"), dir).stream()
            .map(List::getFirst)
            .collect(Collectors.toSet());
    Set<String> light =
        Main.VERBS.keySet().stream()
            .filter(v -> !Set.of("run", "exec", "repl").contains(v))
            .collect(Collectors.toSet());
    assertThat(trained).containsAll(light).contains("--help");
  }

  @Test
  void theTrainingRunCompilesSignsAndVerifiesTheExample() throws Exception {
    Path work = dir.resolve("work");
    AotTraining.main(
        new String[] {
          Path.of("..", "examples", "hello", "hello.mosaic").toString(), work.toString()
        });
    Path plan = work.resolve("training.plan");
    assertThat(plan).isNotEmptyFile();
    assertThat(work.resolve("training.plan.sig")).isNotEmptyFile();
    // The key it made is one `verify` accepts for that signature.
    int verified =
        Main.execute(
            new String[] {"verify", "--key", work.resolve("pub.pem").toString(), plan.toString()},
            new java.io.PrintWriter(java.io.Writer.nullWriter()),
            new java.io.PrintWriter(java.io.Writer.nullWriter()));
    assertThat(verified).isZero();
    assertThat(Files.list(work.resolve("blobs"))).isNotEmpty();
  }
}
