package dev.mosaic.cli.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/errors.md lists every code the main code of any module can emit, once each: a code written
 * as a string literal ({@code "E4203"}) in main sources must have its own row in the table.
 */
class ErrorCodesDocTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern LITERAL = Pattern.compile("\"(E[0-9]{4})\"");
  private static final Pattern ROW = Pattern.compile("(?m)^\\| (E[0-9]{4}) \\|");

  @Test
  void everyCodeInTheSourcesHasOneRowInErrorsMd() throws IOException {
    TreeMap<String, Path> emitted = new TreeMap<>();
    try (Stream<Path> files = Files.walk(ROOT)) {
      for (Path f :
          files
              .filter(p -> p.toString().endsWith(".java"))
              .filter(p -> p.toString().contains("/src/main/java/"))
              .filter(p -> !p.toString().contains("/node_modules/"))
              .toList()) {
        Matcher m = LITERAL.matcher(Files.readString(f));
        while (m.find()) {
          emitted.putIfAbsent(m.group(1), ROOT.relativize(f));
        }
      }
    }
    assertThat(emitted).as("codes found in main sources").hasSizeGreaterThan(100);
    String doc = Files.readString(ROOT.resolve("docs/errors.md"));
    Set<String> rows = new TreeSet<>();
    List<String> twice = new ArrayList<>();
    Matcher m = ROW.matcher(doc);
    while (m.find()) {
      if (!rows.add(m.group(1))) {
        twice.add(m.group(1));
      }
    }
    List<String> missing = new ArrayList<>();
    emitted.forEach(
        (code, file) -> {
          if (!rows.contains(code)) {
            missing.add(code + " (" + file + ")");
          }
        });
    assertThat(missing).as("codes emitted but not in docs/errors.md").isEmpty();
    assertThat(twice).as("codes with more than one row in docs/errors.md").isEmpty();
  }
}
