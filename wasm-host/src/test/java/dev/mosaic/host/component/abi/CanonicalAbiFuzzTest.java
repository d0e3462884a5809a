package dev.mosaic.host.component.abi;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mosaic.host.component.ComponentState;
import dev.mosaic.host.component.Primitive;
import dev.mosaic.host.component.ResourceType;
import dev.mosaic.host.component.ResourceValue;
import dev.mosaic.host.component.StringEncoding;
import dev.mosaic.host.component.WitType;
import dev.mosaic.plan.MosaicException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fuzz target {@code lift}: lift a value of one of a set of types from a memory the fuzzer fills
 * (what a hostile guest controls), then lower it into a fresh memory and lift it again. Lifting may
 * only fail with E9001; what lifts must round-trip unchanged. In a normal build it runs the seeds
 * in {@code CanonicalAbiFuzzTestInputs/lift}; {@code scripts/fuzz} fuzzes it.
 */
class CanonicalAbiFuzzTest {
  private static final ResourceType COUNTER = new ResourceType("counter");
  private static final WitType POINT =
      new WitType.RecordType(
          List.of(new WitType.Field("x", Primitive.S32), new WitType.Field("y", Primitive.F32)));
  private static final List<WitType> TYPES =
      List.of(
          Primitive.STRING,
          Primitive.CHAR,
          new WitType.ListType(Primitive.STRING),
          new WitType.ListType(new WitType.ListType(Primitive.U8)),
          new WitType.ListType(POINT),
          new WitType.VariantType(
              List.of(
                  new WitType.Case("a", Primitive.F64),
                  new WitType.Case("b", POINT),
                  new WitType.Case("c", null),
                  new WitType.Case("d", Primitive.STRING))),
          new WitType.OptionType(new WitType.OptionType(Primitive.CHAR)),
          new WitType.ResultType(new WitType.ListType(Primitive.S64), Primitive.STRING),
          new WitType.FlagsType(List.of("a", "b", "c", "d", "e", "f", "g", "h", "i")),
          new WitType.EnumType(List.of("x", "y", "z")),
          new WitType.TupleType(List.of(Primitive.BOOL, Primitive.U16, Primitive.F64)),
          new WitType.ListType(new WitType.BorrowType(COUNTER)));

  @FuzzTest(maxDuration = "60s")
  void lift(FuzzedDataProvider data) {
    WitType type = data.pickValue(TYPES);
    StringEncoding encoding = data.pickValue(StringEncoding.values());
    long ptr = Integer.toUnsignedLong(data.consumeInt());
    byte[] bytes = data.consumeRemainingAsBytes();
    ByteArrayMemory memory = new ByteArrayMemory(Math.max(bytes.length, 1), 0);
    System.arraycopy(bytes, 0, memory.bytes(), 0, bytes.length);
    // Handles 1 to 4 of a resource another instance implements, so borrows lower to handles.
    HandleTable handles = new HandleTable(16);
    ComponentState state = new ComponentState(handles, Set.of(), Map.of());
    for (int i = 0; i < 4; i++) {
      handles.add(COUNTER, 100 + i, true);
    }
    CanonicalAbi abi = new CanonicalAbi(state, memory, memory, encoding, new Layouts(), 1 << 18);
    Object value;
    try {
      value = abi.load(ptr, type);
    } catch (MosaicException e) {
      assertThat(e.code()).as(e.getMessage()).isEqualTo("E9001");
      return;
    } finally {
      abi.finish();
    }
    ByteArrayMemory fresh = new ByteArrayMemory(2 << 20, 8);
    ComponentState other = new ComponentState(new HandleTable(), Set.of(), Map.of());
    CanonicalAbi again = new CanonicalAbi(other, fresh, fresh, encoding, new Layouts(), 1 << 24);
    long at = fresh.realloc(0, 0, again.layouts().alignment(type), again.layouts().size(type));
    again.store(value, type, at);
    assertThat(normalize(again.load(at, type))).isEqualTo(normalize(value));
    again.finish();
  }

  /** The value with each resource replaced by its type and rep (resources compare by identity). */
  private static Object normalize(Object v) {
    return switch (v) {
      case ResourceValue r -> r.type().name() + ":" + r.rep();
      case List<?> l -> l.stream().map(CanonicalAbiFuzzTest::normalize).toList();
      case Map<?, ?> m -> m;
      default -> v;
    };
  }
}
