package dev.mosaic.interpreter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.host.HostCodes;
import dev.mosaic.plan.MosaicException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Values a script passes to guests as their {@code mosaic.abi} section types them: strings and
 * bytes for ABI v1 exports, numbers checked against integer kinds, never truncated.
 */
class ScriptValuesTest {
  static final Path FIXTURES = Path.of("src", "test", "resources", "fixtures");

  @TempDir Path dir;
  @TempDir Path store;
  final List<String> printed = new ArrayList<>();

  @BeforeEach
  void copyFixtures() throws Exception {
    Files.copy(FIXTURES.resolve("text.wasm"), dir.resolve("text.wasm"));
    Files.copy(FIXTURES.resolve("calc.wasm"), dir.resolve("calc.wasm"));
  }

  Object run(String script) throws Exception {
    Path p = dir.resolve("main.mosaic");
    Files.writeString(p, script);
    try (Mosaic mosaic = Mosaic.builder().store(store).output(printed::add).build()) {
      return mosaic.run(p);
    }
  }

  MosaicException failure(String script) {
    return (MosaicException)
        org.assertj.core.api.Assertions.catchThrowableOfType(
            MosaicException.class, () -> run(script));
  }

  @Test
  void stringsAndBytesPassToAndFromDeclaredExports() throws Exception {
    Object last =
        run(
            """
            component text from "text.wasm"
            print text.upper("héllo")
            let shout = text.upper("abc")
            assert shout == "ABC"
            print text.size("héllo")
            print text.echo("Hi")
            assert text.echo("Hi") == text.echo("Hi")
            text.upper("last")
            """);
    assertThat(printed).containsExactly("HéLLO", "6", "0x4869");
    assertThat(last).isEqualTo("LAST");
  }

  @Test
  void aStringWhereANumberGoesOrTheReverseIsACompileError() {
    MosaicException e =
        failure(
            """
            component text from "text.wasm"
            component calc from "calc.wasm"
            print text.upper(42)
            print calc.add("2", 0)
            let s = text.upper("a")
            print calc.add(s, 1)
            print text.upper("a", "b")
            """);
    assertThat(e.diagnostics())
        .extracting(d -> d.code() + " " + d.location().line() + " " + d.message())
        .containsExactly(
            "E2011 3 argument 1 of `text.upper` is string, got an integer",
            "E2011 4 argument 1 of `calc.add` is i32, got a string",
            "E2011 6 argument 1 of `calc.add` is i32, got a string",
            "E2010 7 `text.upper` takes 1 argument, got 2");
    assertThat(printed).isEmpty();
  }

  @Test
  void fractionsAndOutOfRangeLiteralsAreRefusedWhereTheyAre() {
    MosaicException e =
        failure(
            """
            component calc from "calc.wasm"
            print calc.add(2.9, 0)
            print calc.add(0, 4294967296)
            print calc.add(-2147483649, 0)
            print calc.add(4294967295, -2147483648)
            """);
    assertThat(e.diagnostics())
        .extracting(d -> d.code() + " " + d.location().line() + ":" + d.location().column())
        .containsExactly("E2011 2:16", "E2011 3:19", "E2011 4:16");
    assertThat(e.diagnostics().getFirst().help()).contains("never truncated");
  }

  @Test
  void anOutOfRangeValueFoundAtRunTimeIsCodedAtItsCall() {
    MosaicException e =
        failure(
            """
            component calc from "calc.wasm"
            print 1
            let big = calc.neg(-5000000000)
            print calc.add(big, 1)
            print 2
            """);
    assertThat(e.code()).isEqualTo(HostCodes.BAD_CALL);
    assertThat(e.diagnostics().getFirst().header())
        .endsWith(
            "main.mosaic:4:7: argument 1 of `calc.add` is i32, got 5000000000, which is out of"
                + " its range");
    assertThat(printed).containsExactly("1");
  }

  @Test
  void theFacadeRefusesAFractionForAnInteger() throws Exception {
    Path p = dir.resolve("calc.mosaic");
    Files.writeString(p, "component calc from \"calc.wasm\"\nexport calc.add\n");
    try (Mosaic mosaic = Mosaic.builder().store(store).build();
        var c =
            mosaic.instantiate(mosaic.load(mosaic.encode(mosaic.compile(p).orThrow().plan())))) {
      assertThat(c.call("calc", "add", List.of(2.0, 0))).isEqualTo(2L);
      assertThatThrownBy(() -> c.call("calc", "add", List.of(2.9, 0)))
          .isInstanceOfSatisfying(
              MosaicException.class, x -> assertThat(x.code()).isEqualTo(HostCodes.BAD_CALL))
          .hasMessageContaining("fraction");
    }
  }
}
