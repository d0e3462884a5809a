package dev.mosaic.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.interpreter.compiler.Compiler;
import dev.mosaic.plan.diag.Diagnostic;
import dev.mosaic.plan.store.FileBlobStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Scripts that carry their expected errors inline, {@code // expect error: E2001} (or {@code E1002,
 * E1001}) on the line the error points at. Every expected error must be reported and nothing else;
 * the rendered output (carets, help) is compared with {@code NAME.err}.
 */
class GoldenDiagnosticsTest {
  private static final Pattern EXPECT = Pattern.compile("// expect error: (E\\d{4}(?:, E\\d{4})*)");

  @TempDir Path store;

  static Stream<Path> scripts() throws Exception {
    return Golden.scripts("errors").stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scripts")
  void reportsExactlyTheExpectedErrors(Path script) throws Exception {
    String source = Files.readString(script);
    CompileResult result =
        new Compiler(new FileBlobStore(store, 1 << 20))
            .allowing(Golden.FIXTURES)
            .compile(script.getFileName().toString(), source, script.getParent());

    // Expectations may sit in loaded files too; each counts in its own file.
    List<String> expected = new ArrayList<>();
    for (var file : new TreeMap<>(result.sources()).entrySet()) {
      String[] lines = file.getValue().split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        Matcher m = EXPECT.matcher(lines[i]);
        while (m.find()) {
          for (String code : m.group(1).split(", ")) {
            expected.add(file.getKey() + ":" + (i + 1) + " " + code);
          }
        }
      }
    }
    List<String> actual = new ArrayList<>();
    for (Diagnostic d : result.diagnostics()) {
      actual.add(d.location().file() + ":" + d.location().line() + " " + d.code());
    }
    assertThat(actual).as(result.render()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(result.plan()).isNull();
    Golden.check(Golden.sibling(script, ".err"), result.render());
  }
}
