package dev.mosaic.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Golden files under {@code src/test/resources/golden}. Run with {@code -Dgolden.update=true} to
 * rewrite them from the current output, then review the diff.
 */
final class Golden {
  static final Path ROOT = Path.of("src", "test", "resources", "golden");

  /** The modules and keys golden scripts name, outside their directories: allowed explicitly. */
  static final List<Path> FIXTURES = List.of(Path.of("src", "test", "resources", "fixtures"));

  static final boolean UPDATE = Boolean.getBoolean("golden.update");

  private Golden() {}

  /** The {@code .mosaic} scripts directly in a golden directory, sorted. */
  static List<Path> scripts(String directory) throws IOException {
    try (Stream<Path> files = Files.list(ROOT.resolve(directory))) {
      return files.filter(p -> p.toString().endsWith(".mosaic")).sorted().toList();
    }
  }

  /** Compares {@code actual} with the golden file, or rewrites it when updating. */
  static void check(Path golden, String actual) throws IOException {
    if (UPDATE) {
      Files.writeString(golden, actual);
      return;
    }
    assertThat(golden).as("golden file %s (regenerate with -Dgolden.update=true)", golden).exists();
    assertThat(actual)
        .as("%s differs (regenerate with -Dgolden.update=true and review the diff)", golden)
        .isEqualTo(Files.readString(golden));
  }

  static Path sibling(Path script, String extension) {
    String name = script.getFileName().toString();
    return script.resolveSibling(name.substring(0, name.length() - ".mosaic".length()) + extension);
  }
}
