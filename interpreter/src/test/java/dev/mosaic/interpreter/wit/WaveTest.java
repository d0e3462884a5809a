package dev.mosaic.interpreter.wit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mosaic.host.component.Primitive;
import dev.mosaic.host.component.VariantValue;
import dev.mosaic.host.component.WitResult;
import dev.mosaic.host.component.WitType;
import dev.mosaic.plan.MosaicException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WaveTest {
  static final WitType POINT =
      new WitType.RecordType(
          List.of(new WitType.Field("x", Primitive.S32), new WitType.Field("y", Primitive.S32)));
  static final WitType SHAPE =
      new WitType.VariantType(
          List.of(
              new WitType.Case("circle", Primitive.F64),
              new WitType.Case("dot", null),
              new WitType.Case("none", POINT)));
  static final WitType RESULT = new WitType.ResultType(Primitive.STRING, Primitive.U8);

  @Test
  void readsEveryKindOfValueIntoTheJavaValuesOfTheAbi() {
    assertEquals("héllo \n \uD83D\uDE00", Wave.parse("\"héllo \\n \\u{1f600}\"", Primitive.STRING));
    assertEquals(List.of(1, 2), Wave.parse("[1, 2]", new WitType.ListType(Primitive.S32)));
    assertEquals(Map.of("x", 1, "y", -2), Wave.parse("{x: 1, y: -2}", POINT));
    assertEquals(Optional.of(1L), Wave.parse("some(1)", new WitType.OptionType(Primitive.U32)));
    assertEquals(Optional.empty(), Wave.parse("none", new WitType.OptionType(Primitive.U32)));
    assertEquals(WitResult.ok("x"), Wave.parse("ok(\"x\")", RESULT));
    assertEquals(WitResult.err(7), Wave.parse("err(7)", RESULT));
    assertEquals(new VariantValue("circle", 1.5), Wave.parse("circle(1.5)", SHAPE));
    assertEquals(VariantValue.of("dot"), Wave.parse("%dot", SHAPE));
    assertEquals(
        new VariantValue("none", Map.of("x", 0, "y", 0)), Wave.parse("%none({x: 0, y: 0})", SHAPE));
    assertEquals(
        Set.of("read", "write"),
        Wave.parse("{write, read}", new WitType.FlagsType(List.of("read", "write", "exec"))));
    assertEquals("b", Wave.parse("b", new WitType.EnumType(List.of("a", "b"))));
    assertEquals(
        List.of("x", true),
        Wave.parse(
            "(\"x\", true)", new WitType.TupleType(List.of(Primitive.STRING, Primitive.BOOL))));
    assertEquals("é", Wave.parse("'é'", Primitive.CHAR));
    assertEquals(-1L, Wave.parse("18446744073709551615", Primitive.U64));
  }

  @Test
  void anOptionFieldMayBeLeftOut() {
    WitType r =
        new WitType.RecordType(
            List.of(
                new WitType.Field("name", Primitive.STRING),
                new WitType.Field("age", new WitType.OptionType(Primitive.U8))));
    assertEquals(Map.of("name", "a", "age", Optional.empty()), Wave.parse("{name: \"a\"}", r));
    assertEquals("{name: \"a\"}", Wave.print(Wave.parse("{name: \"a\"}", r), r));
  }

  @Test
  void printsWhatItReads() {
    for (var c :
        List.<Map.Entry<String, WitType>>of(
            Map.entry("[{x: 1, y: 2}, {x: -3, y: 4}]", new WitType.ListType(POINT)),
            Map.entry("some(circle(2.5))", new WitType.OptionType(SHAPE)),
            Map.entry("%none({x: 1, y: 1})", SHAPE),
            Map.entry("ok(\"a\\\"b\\n\")", RESULT),
            Map.entry("err(255)", RESULT),
            Map.entry("18446744073709551615", Primitive.U64),
            Map.entry("[nan, inf, -inf, 0.5]", new WitType.ListType(Primitive.F64)),
            Map.entry("{read, exec}", new WitType.FlagsType(List.of("read", "write", "exec"))))) {
      assertEquals(c.getKey(), Wave.print(Wave.parse(c.getKey(), c.getValue()), c.getValue()));
    }
  }

  @Test
  void printingEscapesControlsSoAGuestCannotDriveTheTerminal() {
    assertEquals("\"\\u{1b}[2J\\u{202e}\"", Wave.print("\u001b[2J\u202e", Primitive.STRING));
  }

  @Test
  void aMismatchIsE2041AtItsColumn() {
    assertError(
        "column 8: `-1` is out of range for u8", "[1, 2, -1]", new WitType.ListType(Primitive.U8));
    assertError("column 1: field `y` is missing", "{x: 1}", POINT);
    assertError("column 8: `z` is not a field of record", "{x: 1, z: 2}", POINT);
    assertError("column 1: expected string, text in double quotes", "hello", Primitive.STRING);
    assertError("column 1: `square` is not a case of variant", "square", SHAPE);
    assertError("column 7: `circle` needs a payload", "circle", SHAPE);
    assertError("column 4: `dot` has no payload", "dot(1)", SHAPE);
    assertError("column 1: expected result<string, u8>, `ok(...)` or `err(...)`", "maybe", RESULT);
    assertError(
        "column 8: unexpected `, 2` after the value",
        "some(1), 2",
        new WitType.OptionType(Primitive.S32));
    assertError("column 1: expected s32, a whole number", "1.5", Primitive.S32);
    assertError("column 2: unknown escape", "\"\\q\"", Primitive.STRING);
    assertError(
        "column 2: `\\u{d800}` is not a Unicode scalar value", "\"\\u{d800}\"", Primitive.STRING);
    assertError("column 1: the quoted text is not closed", "\"abc", Primitive.STRING);
  }

  @Test
  void hostileNestingStopsAtTheDepthLimitNotTheStack() {
    WitType t = Primitive.S32;
    for (int i = 0; i < 200; i++) {
      t = new WitType.ListType(t);
    }
    String deep = "[".repeat(100_000);
    MosaicException e =
        assertThrows(
            MosaicException.class, () -> Wave.parse(deep, new WitType.ListType(Primitive.S32)));
    assertEquals("E2041", e.code());
    WitType nested = t;
    e = assertThrows(MosaicException.class, () -> Wave.parse("[".repeat(100), nested));
    assertEquals("E2041", e.code());
    assertEquals(true, e.getMessage().contains("nest more than 64 deep"), e.getMessage());
    e =
        assertThrows(
            MosaicException.class,
            () -> Wave.parse("\"" + "a".repeat(Wave.MAX_CHARS) + "\"", Primitive.STRING));
    assertEquals("E2041", e.code());
  }

  private static void assertError(String part, String text, WitType type) {
    MosaicException e = assertThrows(MosaicException.class, () -> Wave.parse(text, type));
    assertEquals("E2041", e.code());
    assertEquals(true, e.getMessage().contains(part), e.getMessage());
  }
}
