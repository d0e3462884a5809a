package dev.mosaic.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz target for the parser: whatever the input, parsing returns either a script or coded E1xxx
 * errors with real positions, never throws, and takes at most a second of CPU per input ({@link
 * FuzzBudget}); the dictionary adds file-system paths and control characters. In a normal build it
 * runs the seed corpus in {@code ParserFuzzTestInputs/parse}; {@code JAZZER_FUZZ=1} fuzzes.
 */
class ParserFuzzTest {

  @FuzzTest(maxDuration = "30s")
  @DictionaryEntries({
    "load \"",
    "component x from \"",
    "\" signed by \"",
    "/dev/zero",
    "/dev/stdin",
    "/proc/self/environ",
    "/proc/self/fd/0",
    "../",
    "\u0000",
    "\uFEFF",
    "\r",
    "\u001b["
  })
  void parse(FuzzedDataProvider data) {
    String source = data.consumeRemainingAsString();
    ParseResult result = FuzzBudget.within(() -> ScriptParser.parse("fuzz.mosaic", source));
    assertThat(result.ok()).isEqualTo(result.script() != null);
    assertThat(result.errors().size()).isLessThanOrEqualTo(ScriptParser.MAX_ERRORS + 1);
    for (SyntaxError e : result.errors()) {
      assertThat(e.code())
          .isIn(
              SyntaxError.UNEXPECTED,
              SyntaxError.BAD_TOKEN,
              SyntaxError.TOO_LARGE,
              SyntaxError.TOO_DEEP,
              SyntaxError.TOO_MANY,
              SyntaxError.BAD_ESCAPE,
              SyntaxError.NUMBER_TOO_LARGE,
              SyntaxError.LIMIT_TOO_LARGE);
      assertThat(e.span().line()).isPositive();
      assertThat(e.span().column()).isPositive();
      assertThat(e.message()).doesNotContain("\n").isNotBlank();
    }
  }
}
