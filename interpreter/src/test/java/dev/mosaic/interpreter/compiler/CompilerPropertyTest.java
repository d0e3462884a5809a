package dev.mosaic.interpreter.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.interpreter.CompileResult;
import dev.mosaic.interpreter.diag.DiagnosticRenderer;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.PlanCodec;
import dev.mosaic.plan.PlanValidator;
import dev.mosaic.plan.SystemLimits;
import dev.mosaic.plan.diag.Diagnostic;
import dev.mosaic.plan.store.FileBlobStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Scripts generated from the grammar's constructs, with names, strings and numbers at and past
 * every bound the plan format has: whatever the compiler accepts, the plan validator accepts, and
 * whatever it refuses, it refuses with coded diagnostics at a position of the script, never with an
 * exception (E0001).
 */
class CompilerPropertyTest {
  private static final Path FIXTURES = Path.of("src", "test", "resources", "fixtures");
  private static Path store;

  @BeforeContainer
  static void createStore() throws IOException {
    store = Files.createTempDirectory("mosaic-property-store");
  }

  @AfterContainer
  static void deleteStore() throws IOException {
    try (Stream<Path> files = Files.walk(store)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  @Property(tries = 400)
  void whatCompilesValidatesAndWhatDoesNotIsPlaced(@ForAll("scripts") String script) {
    FileBlobStore blobs = new FileBlobStore(store, 1 << 20);
    CompileResult result;
    try {
      result = new Compiler(blobs).compile("gen.mosaic", script, FIXTURES);
    } catch (RuntimeException e) {
      throw new AssertionError("the compiler threw on:\n" + script, e);
    }
    Statistics.label("compiled").collect(result.ok());
    // A generator whose scripts never compile would test nothing on the validator's side.
    Statistics.label("compiled")
        .coverage(
            c -> {
              c.check(true).percentage(p -> p >= 3);
              c.check(false).percentage(p -> p >= 3);
            });
    if (result.ok()) {
      byte[] bytes = new PlanCodec().encode(result.plan());
      try {
        new PlanValidator(SystemLimits.DEFAULT, blobs).validate(bytes);
      } catch (MosaicException e) {
        throw new AssertionError(
            "compiled, but the validator refuses:\n"
                + DiagnosticRenderer.renderAll(e.diagnostics(), script)
                + "script:\n"
                + script,
            e);
      }
    } else {
      for (Diagnostic d : result.diagnostics()) {
        assertThat(d.location().isKnown())
            .as("no position for %s in\n%s", d.header(), script)
            .isTrue();
        assertThat(d.code()).isNotEqualTo("E0001");
      }
    }
  }

  @Provide
  Arbitrary<String> scripts() {
    Arbitrary<String> componentNames =
        Arbitraries.frequencyOf(
            Tuple.of(
                12, Arbitraries.of("a", "b", "c", "calc", "hello", "vault", "app", "x-1", "_9")),
            Tuple.of(
                1,
                Arbitraries.of(
                    "n" + "a".repeat(126),
                    "n" + "a".repeat(127),
                    "n" + "a".repeat(128),
                    "a".repeat(200))));
    Arbitrary<String> modules =
        Arbitraries.frequencyOf(
            Tuple.of(4, Arbitraries.just("calc")),
            Tuple.of(2, Arbitraries.just("hello")),
            Tuple.of(1, Arbitraries.of("ping", "vault", "app")));
    Arbitrary<String> components =
        Combinators.combine(componentNames, modules)
            .as((n, m) -> "component " + n + " from \"" + m + ".wasm\"\n");
    Arbitrary<String> tenant =
        Combinators.combine(
                Arbitraries.of(
                    "acme",
                    "",
                    "bad tenant!",
                    "..",
                    "a..b",
                    "t".repeat(64),
                    "t".repeat(65),
                    "é",
                    "a\\tb",
                    "x/y"),
                limits().list().ofMaxSize(4))
            .as((name, ls) -> "tenant \"" + name + "\" {\n" + String.join("", ls) + "}\n");
    Arbitrary<String> binds =
        Combinators.combine(componentNames, componentNames, Arbitraries.of(0, 1, 2, 3))
            .as(
                (x, y, kind) ->
                    switch (kind) {
                      case 0 -> "bind " + x + ".peer.f -> " + y + ".f\n";
                      case 1 -> "bind " + x + ".vault.token -> " + y + ".token\n";
                      case 2 -> "bind " + x + ".mosaic.log -> " + y + ".f\n";
                      default -> "bind " + x + ".vault: " + "tokens -> " + y + "\n";
                    });
    Arbitrary<String> patterns =
        Arbitraries.of("", "x", "*", "db/*", "p".repeat(4096), "p".repeat(4097), "é".repeat(2049))
            .list()
            .ofMaxSize(2)
            .map(ps -> ps.isEmpty() ? "" : " \"" + String.join("\", \"", ps) + "\"");
    Arbitrary<String> rules =
        Combinators.combine(
                Arbitraries.of("allow", "deny"),
                Arbitraries.oneOf(Arbitraries.just("*"), componentNames),
                Arbitraries.of("log", "secret", "http", "kv", "files", "clock", "teleport"),
                patterns)
            .as((e, t, c, p) -> "  " + e + " " + t + " " + c + p + "\n");
    Arbitrary<String> policy =
        rules.list().ofMaxSize(4).map(rs -> "policy {\n" + String.join("", rs) + "}\n");
    Arbitrary<String> numbers =
        Arbitraries.of(
            "0",
            "-1",
            "2147483647",
            "4294967295",
            "4294967296",
            "-2147483648",
            "-2147483649",
            "9223372036854775807",
            "9223372036854775808",
            "-9223372036854775808",
            "99999999999999999999999",
            "1.5",
            "1" + "0".repeat(400) + ".0");
    Arbitrary<String> statements =
        Combinators.combine(componentNames, numbers, numbers, Arbitraries.of(0, 1, 2, 3))
            .as(
                (c, a, b, kind) ->
                    switch (kind) {
                      case 0 -> "print " + c + ".add(" + a + ", " + b + ")\n";
                      case 1 -> "let v = " + a + "\n";
                      case 2 -> "export " + c + ".f\n";
                      default -> "print " + c + ".greet(" + a + ", " + b + ")\n";
                    });
    Arbitrary<String> item =
        Arbitraries.frequencyOf(
            Tuple.of(5, components),
            Tuple.of(3, binds),
            Tuple.of(2, policy),
            Tuple.of(1, tenant),
            Tuple.of(3, statements));
    return item.list().ofMaxSize(9).map(items -> String.join("", items));
  }

  private static Arbitrary<String> limits() {
    Arbitrary<String> amounts =
        Arbitraries.of(
            "0",
            "1",
            "2",
            "100",
            "1000",
            "1001",
            "1024",
            "1073741824",
            "1073741825",
            "2147483647",
            "2147483648",
            "9223372036854775807",
            "99999999999",
            "99999999999999999999");
    Arbitrary<String> units = Arbitraries.of("", " B", " KiB", " MiB", " GiB", " MB", " ms", " s");
    Arbitrary<String> names = Arbitraries.of("max-components", "max-memory", "max-time");
    return Combinators.combine(names, amounts, units)
        .as((n, a, u) -> "  " + n + " " + a + u + "\n");
  }

  /** The seeds of the issue: each compiled, or failed internally, to a plan validate refused. */
  @Property(tries = 1)
  void theReportedScriptsAreRefusedAtTheirLine() {
    for (String script :
        List.of(
            "tenant \"bad tenant!\"\ncomponent hello from \"hello.wasm\"\n",
            "component " + "a".repeat(200) + " from \"calc.wasm\"\n",
            "component hello from \"hello.wasm\"\npolicy {\n  allow hello log\n  allow hello secret \"\"\n}\n")) {
      CompileResult r =
          new Compiler(new FileBlobStore(store, 1 << 20)).compile("s.mosaic", script, FIXTURES);
      assertThat(r.ok()).as(script).isFalse();
      assertThat(r.diagnostics())
          .allSatisfy(d -> assertThat(d.location().isKnown()).isTrue())
          .extracting(Diagnostic::code)
          .containsAnyOf("E3011", "E3013");
    }
  }
}
