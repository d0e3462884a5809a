package dev.mosaic.cli.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.plan.diag.ErrorCode;
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
 * as a string literal ({@code "E4203"}) in main sources must have its own row in the table. Each
 * row sits under the heading of its {@link ErrorCode.Band}, and the "Exit codes" table gives each
 * band the exit code {@link ErrorCode#exitCode} derives from it.
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

  private static final Pattern HEADING = Pattern.compile("^#{2,3} E([0-9])");
  private static final Pattern EXIT_ROW = Pattern.compile("^\\| ([0-9]+) \\| (.*) \\|$");
  private static final Pattern BAND = Pattern.compile("E[0-9][0-9x]{3}");

  @Test
  void everyDocumentedCodeIsAnErrorCodeOfTheBandItIsListedUnder() throws IOException {
    List<String> wrong = new ArrayList<>();
    String digit = null;
    int rows = 0;
    for (String line : Files.readAllLines(ROOT.resolve("docs/errors.md"))) {
      Matcher heading = HEADING.matcher(line);
      if (heading.find()) {
        digit = heading.group(1);
      } else if (line.startsWith("## ")) {
        digit = null;
      }
      Matcher row = ROW.matcher(line);
      if (row.find()) {
        rows++;
        String id = row.group(1);
        if (!ErrorCode.isValid(id) || digit == null || id.charAt(1) != digit.charAt(0)) {
          wrong.add(id + " under band E" + digit + "xxx");
        }
      }
    }
    assertThat(rows).isGreaterThan(100);
    assertThat(wrong).as("rows outside their band's section").isEmpty();
  }

  @Test
  void theExitCodesTableAgreesWithTheBands() throws IOException {
    List<String> wrong = new ArrayList<>();
    int checked = 0;
    for (String line : Files.readAllLines(ROOT.resolve("docs/errors.md"))) {
      Matcher row = EXIT_ROW.matcher(line);
      // A row that starts with a command (`audit verify --key`) is that command's own exit.
      if (!row.matches() || row.group(2).startsWith("`")) {
        continue;
      }
      int exit = Integer.parseInt(row.group(1));
      Matcher band = BAND.matcher(row.group(2));
      while (band.find()) {
        String id = band.group().replace('x', '0');
        checked++;
        if (ErrorCode.of(id).exitCode() != exit) {
          wrong.add(
              band.group() + ": docs say " + exit + ", ErrorCode " + ErrorCode.of(id).exitCode());
        }
      }
    }
    assertThat(checked).as("bands in the exit code table").isGreaterThanOrEqualTo(12);
    assertThat(wrong).as("exit codes in docs/errors.md that differ from ErrorCode").isEmpty();
  }
}
