package dev.mosaic.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mosaic.host.component.Primitive;
import dev.mosaic.host.component.WitType;
import dev.mosaic.interpreter.wit.Wave;
import dev.mosaic.plan.MosaicException;
import java.util.List;

/**
 * Fuzz target for WAVE values: any text read against any of a dozen WIT types is a value or E2041,
 * never another exception; a value read prints as text that reads back to an equal value; each
 * input takes at most a second of CPU ({@link FuzzBudget}). In a normal build it runs the seeds in
 * {@code WaveFuzzTestInputs/parse}.
 */
class WaveFuzzTest {
  static final WitType POINT =
      new WitType.RecordType(
          List.of(
              new WitType.Field("x", Primitive.S32),
              new WitType.Field("label", new WitType.OptionType(Primitive.STRING))));
  static final List<WitType> TYPES =
      List.of(
          Primitive.STRING,
          Primitive.CHAR,
          Primitive.U64,
          Primitive.S8,
          Primitive.F32,
          Primitive.F64,
          new WitType.ListType(new WitType.ListType(Primitive.U8)),
          new WitType.ListType(POINT),
          new WitType.OptionType(new WitType.OptionType(Primitive.BOOL)),
          new WitType.ResultType(POINT, Primitive.STRING),
          new WitType.ResultType(null, null),
          new WitType.VariantType(
              List.of(
                  new WitType.Case("none", POINT),
                  new WitType.Case("some", null),
                  new WitType.Case("ok", Primitive.CHAR))),
          new WitType.TupleType(List.of(Primitive.STRING, new WitType.EnumType(List.of("a", "b")))),
          new WitType.FlagsType(List.of("read", "write", "exec")));

  @FuzzTest(maxDuration = "30s")
  @DictionaryEntries({
    "some(",
    "none",
    "ok(",
    "err(",
    "%none(",
    "{x: 1, label: ",
    "{:}",
    "\\u{",
    "'",
    "\"",
    "[[",
    "nan",
    "-inf",
    "18446744073709551615"
  })
  void parse(FuzzedDataProvider data) {
    WitType type = TYPES.get(data.consumeInt(0, TYPES.size() - 1));
    String text = data.consumeRemainingAsString();
    FuzzBudget.within(() -> check(text, type));
  }

  private static boolean check(String text, WitType type) {
    Object value;
    try {
      value = Wave.parse(text, type);
    } catch (MosaicException e) {
      assertThat(e.code()).isEqualTo("E2041");
      return true;
    }
    String printed = Wave.print(value, type);
    assertThat(Wave.parse(printed, type)).as(printed).isEqualTo(value);
    return true;
  }
}
