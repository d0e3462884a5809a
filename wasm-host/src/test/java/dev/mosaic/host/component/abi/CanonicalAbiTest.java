package dev.mosaic.host.component.abi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.host.component.ComponentState;
import dev.mosaic.host.component.CoreValType;
import dev.mosaic.host.component.Primitive;
import dev.mosaic.host.component.StringEncoding;
import dev.mosaic.host.component.VariantValue;
import dev.mosaic.host.component.WitResult;
import dev.mosaic.host.component.WitType;
import dev.mosaic.plan.MosaicException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The canonical ABI over a byte-array memory: every type round-trips through core values and
 * through memory, layouts are byte-exact against CanonicalABI.md, and what a guest can get wrong
 * traps with E9001.
 */
class CanonicalAbiTest {
  private static final WitType POINT =
      new WitType.RecordType(
          List.of(new WitType.Field("x", Primitive.S32), new WitType.Field("y", Primitive.S32)));
  private static final WitType SHAPE =
      new WitType.VariantType(
          List.of(
              new WitType.Case("circle", Primitive.F64),
              new WitType.Case("rect", POINT),
              new WitType.Case("empty", null)));
  private static final WitType COLOR = new WitType.EnumType(List.of("red", "green", "blue"));
  private static final WitType PERMS = new WitType.FlagsType(List.of("read", "write", "exec"));

  private ByteArrayMemory memory = new ByteArrayMemory(1 << 16, 1024);

  private CanonicalAbi abi(StringEncoding encoding) {
    return abi(encoding, new ComponentState(new HandleTable(), Set.of(), Map.of()), 16 << 20);
  }

  private CanonicalAbi abi(StringEncoding encoding, ComponentState state, long budget) {
    return new CanonicalAbi(state, memory, memory, encoding, new Layouts(), budget);
  }

  private static Map<String, Object> point(int x, int y) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("x", x);
    m.put("y", y);
    return m;
  }

  /** Each type with values of it, as lifting returns them. */
  private static List<Object[]> samples() {
    List<Object[]> s = new ArrayList<>();
    s.add(new Object[] {Primitive.BOOL, List.of(true, false)});
    s.add(new Object[] {Primitive.S8, List.of(-128, 0, 127)});
    s.add(new Object[] {Primitive.U8, List.of(0, 255)});
    s.add(new Object[] {Primitive.S16, List.of(-32768, 32767)});
    s.add(new Object[] {Primitive.U16, List.of(0, 65535)});
    s.add(new Object[] {Primitive.S32, List.of(Integer.MIN_VALUE, -1, Integer.MAX_VALUE)});
    s.add(new Object[] {Primitive.U32, List.of(0L, 4294967295L)});
    s.add(new Object[] {Primitive.S64, List.of(Long.MIN_VALUE, Long.MAX_VALUE)});
    s.add(new Object[] {Primitive.U64, List.of(0L, -1L)});
    s.add(new Object[] {Primitive.F32, List.of(1.5f, -0.0f, Float.POSITIVE_INFINITY)});
    s.add(new Object[] {Primitive.F64, List.of(Math.PI, Double.NEGATIVE_INFINITY)});
    s.add(new Object[] {Primitive.CHAR, List.of("a", "é", "€", "😀")});
    s.add(new Object[] {Primitive.STRING, List.of("", "hello", "café", "ünï €uro 😀")});
    s.add(
        new Object[] {
          new WitType.ListType(Primitive.STRING), List.of(List.of(), List.of("a", "bc", "😀"))
        });
    s.add(new Object[] {new WitType.ListType(Primitive.U8), List.of(List.of(1, 2, 3))});
    s.add(new Object[] {POINT, List.of(point(1, -2))});
    s.add(
        new Object[] {
          new WitType.TupleType(List.of(Primitive.U8, Primitive.CHAR, Primitive.BOOL)),
          List.of(List.of(7, "x", true))
        });
    s.add(
        new Object[] {
          SHAPE,
          List.of(
              new VariantValue("circle", 2.5),
              new VariantValue("rect", point(3, 4)),
              VariantValue.of("empty"))
        });
    s.add(new Object[] {COLOR, List.of("red", "blue")});
    s.add(
        new Object[] {
          new WitType.OptionType(Primitive.U32), List.of(Optional.empty(), Optional.of(7L))
        });
    s.add(
        new Object[] {
          new WitType.OptionType(new WitType.OptionType(Primitive.STRING)),
          List.of(Optional.empty(), Optional.of(Optional.empty()), Optional.of(Optional.of("x")))
        });
    s.add(
        new Object[] {
          new WitType.ResultType(Primitive.S64, Primitive.STRING),
          List.of(WitResult.ok(-5L), WitResult.err("not a number"))
        });
    s.add(
        new Object[] {
          new WitType.ResultType(null, null), List.of(WitResult.ok(null), WitResult.err(null))
        });
    s.add(
        new Object[] {
          new WitType.ResultType(null, Primitive.STRING),
          List.of(WitResult.ok(null), WitResult.err("e"))
        });
    s.add(new Object[] {PERMS, List.of(Set.of(), Set.of("read", "exec"))});
    s.add(
        new Object[] {
          new WitType.FlagsType(IntStream.range(0, 32).mapToObj(i -> "f" + i).toList()),
          List.of(Set.of("f0", "f31"))
        });
    s.add(
        new Object[] {
          new WitType.VariantType(
              List.of(
                  new WitType.Case("a", Primitive.F32),
                  new WitType.Case("b", Primitive.U64),
                  new WitType.Case("c", Primitive.STRING))),
          List.of(
              new VariantValue("a", 1.25f),
              new VariantValue("b", -1L),
              new VariantValue("c", "text"))
        });
    return s;
  }

  @Test
  void everyTypeRoundTripsThroughCoreValues() {
    for (StringEncoding encoding : StringEncoding.values()) {
      CanonicalAbi abi = abi(encoding);
      for (Object[] sample : samples()) {
        WitType t = (WitType) sample[0];
        for (Object v : (List<?>) sample[1]) {
          List<Object> flat = abi.lowerFlat(v, t);
          assertThat(flat).as("%s %s", t, v).hasSameSizeAs(abi.layouts().flatten(t));
          CanonicalAbi.FlatReader reader = new CanonicalAbi.FlatReader(flat);
          assertThat(abi.liftFlat(reader, t)).as("%s %s %s", encoding, t, v).isEqualTo(v);
          assertThat(reader.done()).isTrue();
        }
      }
    }
  }

  @Test
  void everyTypeRoundTripsThroughMemory() {
    for (StringEncoding encoding : StringEncoding.values()) {
      CanonicalAbi abi = abi(encoding);
      for (Object[] sample : samples()) {
        WitType t = (WitType) sample[0];
        for (Object v : (List<?>) sample[1]) {
          long ptr = memory.realloc(0, 0, abi.layouts().alignment(t), abi.layouts().size(t));
          abi.store(v, t, ptr);
          assertThat(abi.load(ptr, t)).as("%s %s %s", encoding, t, v).isEqualTo(v);
        }
      }
    }
  }

  @Test
  void nanIsCanonicalised() {
    CanonicalAbi abi = abi(StringEncoding.UTF8);
    float oddNan = Float.intBitsToFloat(0x7fa00001);
    Object lifted = abi.liftFlat(new CanonicalAbi.FlatReader(List.of(oddNan)), Primitive.F32);
    assertThat(Float.floatToRawIntBits((Float) lifted)).isEqualTo(0x7fc00000);
    List<Object> lowered =
        abi.lowerFlat(Double.longBitsToDouble(0x7ff0000000000001L), Primitive.F64);
    assertThat(Double.doubleToRawLongBits((Double) lowered.getFirst()))
        .isEqualTo(0x7ff8000000000000L);
  }

  private byte[] bytesAt(long ptr, int n) {
    return Arrays.copyOfRange(memory.bytes(), (int) ptr, (int) ptr + n);
  }

  private static byte[] le(int... ints) {
    ByteBuffer b = ByteBuffer.allocate(ints.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (int i : ints) {
      b.putInt(i);
    }
    return b.array();
  }

  @Test
  void recordLayoutAlignsEachField() {
    WitType r =
        new WitType.RecordType(
            List.of(
                new WitType.Field("a", Primitive.U8),
                new WitType.Field("b", Primitive.U32),
                new WitType.Field("c", Primitive.U16),
                new WitType.Field("d", Primitive.U64)));
    CanonicalAbi abi = abi(StringEncoding.UTF8);
    assertThat(abi.layouts().size(r)).isEqualTo(24);
    assertThat(abi.layouts().alignment(r)).isEqualTo(8);
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("a", 0x11);
    v.put("b", 0x22334455L);
    v.put("c", 0x6677);
    v.put("d", 0x0102030405060708L);
    Arrays.fill(memory.bytes(), 0, 64, (byte) 0xEE);
    abi.store(v, r, 8);
    assertThat(bytesAt(8, 24))
        .containsExactly(
            0x11, 0xEE, 0xEE, 0xEE, 0x55, 0x44, 0x33, 0x22, 0x77, 0x66, 0xEE, 0xEE, 0xEE, 0xEE,
            0xEE, 0xEE, 0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01);
  }

  @Test
  void variantDiscriminantGrowsWithTheNumberOfCases() {
    Layouts layouts = new Layouts();
    WitType small = new WitType.EnumType(IntStream.range(0, 256).mapToObj(i -> "c" + i).toList());
    WitType medium = new WitType.EnumType(IntStream.range(0, 257).mapToObj(i -> "c" + i).toList());
    WitType large = new WitType.EnumType(IntStream.range(0, 65537).mapToObj(i -> "c" + i).toList());
    assertThat(layouts.size(small)).isEqualTo(1);
    assertThat(layouts.size(medium)).isEqualTo(2);
    assertThat(layouts.alignment(medium)).isEqualTo(2);
    assertThat(layouts.size(large)).isEqualTo(4);
    CanonicalAbi abi = abi(StringEncoding.UTF8);
    abi.store("c256", medium, 16);
    assertThat(bytesAt(16, 2)).containsExactly(0x00, 0x01);
    // option<u32>: u8 discriminant, payload at 4; result<u8, u64>: payload at 8.
    WitType opt = new WitType.OptionType(Primitive.U32);
    assertThat(layouts.size(opt)).isEqualTo(8);
    abi.store(Optional.of(7L), opt, 32);
    assertThat(bytesAt(32, 8)).containsExactly(1, 0, 0, 0, 7, 0, 0, 0);
    WitType res = new WitType.ResultType(Primitive.U8, Primitive.U64);
    assertThat(layouts.size(res)).isEqualTo(16);
    assertThat(layouts.alignment(res)).isEqualTo(8);
  }

  @Test
  void flagsTakeOneTwoOrFourBytesLowestLabelFirst() {
    Layouts layouts = new Layouts();
    for (int[] nb : new int[][] {{1, 1}, {8, 1}, {9, 2}, {16, 2}, {17, 4}, {32, 4}}) {
      WitType f = new WitType.FlagsType(IntStream.range(0, nb[0]).mapToObj(i -> "f" + i).toList());
      assertThat(layouts.size(f)).as("%d flags", nb[0]).isEqualTo(nb[1]);
      assertThat(layouts.alignment(f)).isEqualTo(nb[1]);
    }
    CanonicalAbi abi = abi(StringEncoding.UTF8);
    WitType nine = new WitType.FlagsType(IntStream.range(0, 9).mapToObj(i -> "f" + i).toList());
    abi.store(Set.of("f0", "f8"), nine, 40);
    assertThat(bytesAt(40, 2)).containsExactly(0x01, 0x01);
    assertThat(abi.lowerFlat(Set.of("write"), PERMS)).containsExactly(2);
  }

  @Test
  void stringsAreWrittenInTheEncodingOfTheCanonOptions() {
    CanonicalAbi utf8 = abi(StringEncoding.UTF8);
    List<Object> flat = utf8.lowerFlat("café", Primitive.STRING);
    assertThat(flat.get(1)).isEqualTo(5);
    assertThat(bytesAt((Integer) flat.get(0), 5))
        .isEqualTo("café".getBytes(StandardCharsets.UTF_8));

    CanonicalAbi utf16 = abi(StringEncoding.UTF16);
    flat = utf16.lowerFlat("a😀", Primitive.STRING);
    assertThat(flat.get(1)).isEqualTo(3);
    assertThat((Integer) flat.get(0) % 2).isZero();
    assertThat(bytesAt((Integer) flat.get(0), 6))
        .isEqualTo("a😀".getBytes(StandardCharsets.UTF_16LE));

    CanonicalAbi compact = abi(StringEncoding.LATIN1_UTF16);
    flat = compact.lowerFlat("café", Primitive.STRING);
    assertThat(flat.get(1)).isEqualTo(4);
    assertThat(bytesAt((Integer) flat.get(0), 4))
        .isEqualTo("café".getBytes(StandardCharsets.ISO_8859_1));
    flat = compact.lowerFlat("1 €", Primitive.STRING);
    assertThat(flat.get(1)).isEqualTo(3 | 0x8000_0000);
    assertThat(bytesAt((Integer) flat.get(0), 6))
        .isEqualTo("1 €".getBytes(StandardCharsets.UTF_16LE));

    // In memory a string is its pointer and length, little-endian.
    utf8.store("hi", Primitive.STRING, 48);
    int ptr = (int) memory.readInt(48, 4);
    assertThat(bytesAt(48, 8)).isEqualTo(le(ptr, 2));
  }

  @Test
  void variantPayloadsJoinTheirFlatTypes() {
    Layouts layouts = new Layouts();
    assertThat(layouts.flatten(SHAPE))
        .containsExactly(CoreValType.I32, CoreValType.I64, CoreValType.I32);
    WitType fi =
        new WitType.VariantType(
            List.of(new WitType.Case("f", Primitive.F32), new WitType.Case("i", Primitive.U32)));
    assertThat(layouts.flatten(fi)).containsExactly(CoreValType.I32, CoreValType.I32);
    CanonicalAbi abi = abi(StringEncoding.UTF8);
    assertThat(abi.lowerFlat(new VariantValue("f", 1.0f), fi))
        .containsExactly(0, Float.floatToRawIntBits(1.0f));
    assertThat(abi.lowerFlat(new VariantValue("circle", 2.0), SHAPE))
        .containsExactly(0, Double.doubleToRawLongBits(2.0), 0);
    assertThat(abi.lowerFlat(new VariantValue("rect", point(-1, 9)), SHAPE))
        .containsExactly(1, 0xFFFF_FFFFL, 9);
    assertThat(abi.lowerFlat(VariantValue.of("empty"), SHAPE)).containsExactly(2, 0L, 0);
  }

  @Test
  void sixteenFlatParametersPassFlatSeventeenGoThroughMemory() {
    CanonicalAbi abi = abi(StringEncoding.UTF8);
    List<WitType> sixteen = Collections.nCopies(16, Primitive.U8);
    List<Object> values = Collections.nCopies(16, 1);
    assertThat(abi.lowerValues(values, sixteen, Layouts.MAX_FLAT_PARAMS, null)).hasSize(16);
    List<WitType> seventeen = Collections.nCopies(17, Primitive.U8);
    List<Object> values17 = new ArrayList<>();
    for (int i = 0; i < 17; i++) {
      values17.add(i);
    }
    List<Object> flat = abi.lowerValues(values17, seventeen, Layouts.MAX_FLAT_PARAMS, null);
    assertThat(flat).hasSize(1);
    int ptr = (Integer) flat.getFirst();
    assertThat(bytesAt(ptr, 17)).containsExactly(IntStream.range(0, 17).toArray());
    assertThat(
            abi.liftValues(new CanonicalAbi.FlatReader(flat), seventeen, Layouts.MAX_FLAT_PARAMS))
        .isEqualTo(values17);
  }

  @Test
  void aValueOfMoreThanSixteenFlatValuesIsNeverFlattened() {
    CanonicalAbi abi = abi(StringEncoding.UTF8);
    WitType wide = new WitType.TupleType(Collections.nCopies(17, Primitive.U8));
    assertThatThrownBy(() -> abi.lowerFlat(Collections.nCopies(17, 0), wide))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("more than 16 core values");
    assertThatThrownBy(() -> abi.liftFlat(new CanonicalAbi.FlatReader(List.of()), wide))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void resultsOfMoreThanOneFlatValueUseAReturnArea() {
    CanonicalAbi abi = abi(StringEncoding.UTF8);
    List<WitType> result = List.of(Primitive.STRING);
    // Lowering into a caller's return area (canon lower): written at the pointer, no flat values.
    List<Object> flat = abi.lowerValues(List.of("ok"), result, Layouts.MAX_FLAT_RESULTS, 64L);
    assertThat(flat).isEmpty();
    assertThat(memory.readInt(68, 4)).isEqualTo(2);
    // Lifting a callee's results (canon lift): the single i32 points at the tuple.
    assertThat(
            abi.liftValues(
                new CanonicalAbi.FlatReader(List.of(64)), result, Layouts.MAX_FLAT_RESULTS))
        .containsExactly("ok");
    assertThat(abi.lowerValues(List.of(5L), List.of(Primitive.U32), 1, null)).containsExactly(5);
  }

  private static void assertCode(Runnable r, String code, String message) {
    assertThatThrownBy(r::run)
        .isInstanceOf(MosaicException.class)
        .hasMessageContaining(message)
        .extracting(e -> ((MosaicException) e).code())
        .isEqualTo(code);
  }

  private Object liftString(StringEncoding encoding, int ptr, int len) {
    return abi(encoding).liftFlat(new CanonicalAbi.FlatReader(List.of(ptr, len)), Primitive.STRING);
  }

  @Test
  void stringsFromTheGuestAreChecked() {
    assertCode(() -> liftString(StringEncoding.UTF8, 65530, 10), "E9001", "ends past the memory");
    assertCode(() -> liftString(StringEncoding.UTF8, -8, 4), "E9001", "ends past the memory");
    assertCode(() -> liftString(StringEncoding.UTF16, 101, 2), "E9001", "not aligned");
    memory.bytes()[100] = (byte) 0xC3;
    memory.bytes()[101] = (byte) 0x28;
    assertCode(() -> liftString(StringEncoding.UTF8, 100, 2), "E9001", "not valid UTF-8");
    memory.bytes()[100] = 0x00;
    memory.bytes()[101] = (byte) 0xD8;
    assertCode(() -> liftString(StringEncoding.UTF16, 100, 1), "E9001", "not valid UTF-16LE");
    assertCode(() -> liftString(StringEncoding.UTF8, 0, 1 << 28), "E9001", "over the limit");
    assertCode(
        () -> liftString(StringEncoding.LATIN1_UTF16, 0, 0x9000_0000), "E9001", "over the limit");
  }

  @Test
  void guestValuesOutOfTheirTypeTrap() {
    CanonicalAbi abi = abi(StringEncoding.UTF8);
    assertCode(
        () -> abi.liftFlat(new CanonicalAbi.FlatReader(List.of(0xD800)), Primitive.CHAR),
        "E9001",
        "not a Unicode scalar value");
    assertCode(
        () -> abi.liftFlat(new CanonicalAbi.FlatReader(List.of(0x110000)), Primitive.CHAR),
        "E9001",
        "not a Unicode scalar value");
    assertCode(
        () -> abi.liftFlat(new CanonicalAbi.FlatReader(List.of(3, 0L, 0)), SHAPE),
        "E9001",
        "discriminant 3");
    memory.bytes()[200] = 5;
    assertCode(() -> abi.load(200, COLOR), "E9001", "discriminant 5");
    assertCode(() -> abi.load(201, POINT), "E9001", "not aligned");
    assertCode(
        () -> abi.liftFlat(new CanonicalAbi.FlatReader(List.of(1L)), Primitive.U32),
        "E9001",
        "is not an i32");
    // Any non-zero i32 is true, as the ABI says.
    assertThat(abi.liftFlat(new CanonicalAbi.FlatReader(List.of(7)), Primitive.BOOL))
        .isEqualTo(true);
  }

  @Test
  void listsFromTheGuestAreBoundedBeforeAnythingIsAllocated() {
    CanonicalAbi abi = abi(StringEncoding.UTF8);
    WitType list = new WitType.ListType(Primitive.U64);
    assertCode(
        () -> abi.liftFlat(new CanonicalAbi.FlatReader(List.of(0, 0x7FFF_FFFF)), list),
        "E9001",
        "over the limit");
    assertCode(
        () -> abi.liftFlat(new CanonicalAbi.FlatReader(List.of(8, 10_000)), list),
        "E9001",
        "ends past the memory");
  }

  @Test
  void aListOfAliasesOfOneLargeStringStopsAtTheTransferLimit() {
    // 4,000 string records that all point at the same 8 KiB: 32 MB if lifted, from 40 KB of
    // guest memory.
    byte[] text = "x".repeat(8192).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(text, 0, memory.bytes(), 40_000, text.length);
    for (int i = 0; i < 4000; i++) {
      memory.writeInt(8 + 8L * i, 4, 40_000);
      memory.writeInt(12 + 8L * i, 4, 8192);
    }
    CanonicalAbi abi =
        abi(
            StringEncoding.UTF8,
            new ComponentState(new HandleTable(), Set.of(), Map.of()),
            1 << 20);
    WitType list = new WitType.ListType(Primitive.STRING);
    assertCode(
        () -> abi.liftFlat(new CanonicalAbi.FlatReader(List.of(8, 4000)), list),
        "E9001",
        "transfer limit");
    assertThat(abi.transferred()).isLessThan((1 << 20) + 8192 + 64);
    // The same list with a few elements is fine.
    CanonicalAbi small = abi(StringEncoding.UTF8);
    assertThat((List<?>) small.liftFlat(new CanonicalAbi.FlatReader(List.of(8, 3)), list))
        .hasSize(3);
  }

  @Test
  void reallocMustReturnABlockInsideMemory() {
    ComponentState state = new ComponentState(new HandleTable(), Set.of(), Map.of());
    CanonicalAbi outside =
        new CanonicalAbi(
            state, memory, (p, o, a, n) -> 65535, StringEncoding.UTF8, new Layouts(), 1 << 20);
    assertCode(() -> outside.lowerFlat("hello", Primitive.STRING), "E9001", "ends past the memory");
    CanonicalAbi misaligned =
        new CanonicalAbi(
            state, memory, (p, o, a, n) -> 1001, StringEncoding.UTF16, new Layouts(), 1 << 20);
    assertCode(() -> misaligned.lowerFlat("hello", Primitive.STRING), "E9001", "not aligned");
  }

  @Test
  void hostValuesThatDoNotFitTheirTypeAreBadCalls() {
    CanonicalAbi abi = abi(StringEncoding.UTF8);
    assertCode(() -> abi.lowerFlat(256, Primitive.U8), "E9004", "out of range for u8");
    assertCode(() -> abi.lowerFlat(-1, Primitive.U32), "E9004", "out of range for u32");
    assertCode(() -> abi.lowerFlat(1 << 15, Primitive.S16), "E9004", "out of range for s16");
    assertCode(() -> abi.lowerFlat("1", Primitive.S32), "E9004", "expected an integer");
    assertCode(() -> abi.lowerFlat("ab", Primitive.CHAR), "E9004", "expected a char");
    assertCode(() -> abi.lowerFlat("\uD800", Primitive.CHAR), "E9004", "expected a char");
    assertCode(() -> abi.lowerFlat("a\uD800", Primitive.STRING), "E9004", "unpaired surrogate");
    assertCode(() -> abi.lowerFlat(point(1, 2), SHAPE), "E9004", "expected a variant");
    assertCode(
        () -> abi.lowerFlat(VariantValue.of("square"), SHAPE), "E9004", "unknown case `square`");
    assertCode(() -> abi.lowerFlat(VariantValue.of("circle"), SHAPE), "E9004", "needs a payload");
    assertCode(() -> abi.lowerFlat(Map.of("x", 1), POINT), "E9004", "fields [x, y]");
    assertCode(() -> abi.lowerFlat(Set.of("sudo"), PERMS), "E9004", "unknown flag `sudo`");
    assertCode(
        () -> abi.lowerFlat(List.of(1), new WitType.TupleType(List.of(Primitive.U8, Primitive.U8))),
        "E9004",
        "tuple of 2 values");
    assertCode(() -> abi.lowerFlat("purple", COLOR), "E9004", "unknown case `purple`");
    assertCode(
        () -> abi.lowerFlat(null, new WitType.OptionType(Primitive.U8)),
        "E9004",
        "expected an option");
  }

  record Point(int x, int y) {}

  @Test
  void javaRecordsLowerAsRecords() {
    CanonicalAbi abi = abi(StringEncoding.UTF8);
    assertThat(abi.lowerFlat(new Point(3, 4), POINT)).containsExactly(3, 4);
    assertThat(
            abi.lowerFlat(
                java.math.BigInteger.TWO.pow(64).subtract(java.math.BigInteger.ONE), Primitive.U64))
        .containsExactly(-1L);
  }
}
