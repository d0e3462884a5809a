package dev.mosaic.host.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.host.StringCopyTest;
import dev.mosaic.host.component.abi.ByteArrayMemory;
import dev.mosaic.host.component.abi.CanonicalAbi;
import dev.mosaic.host.component.abi.GraalMemory;
import dev.mosaic.host.component.abi.HandleTable;
import dev.mosaic.host.component.abi.Layouts;
import dev.mosaic.plan.MosaicException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.ByteSequence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Components built by jco and componentize-js, instantiated on GraalWasm and called with Java
 * values through the canonical ABI.
 */
class ComponentInstanceTest {
  private static final String VALUES = "mosaic:fixture/values@0.1.0";
  private static ComponentInstance fixture;

  @BeforeAll
  static void instantiateTheJavaScriptComponent() {
    fixture =
        ComponentInstance.instantiate(
            TestComponents.bytes("fixture"), ComponentLimits.DEFAULT, 16 << 20);
  }

  @AfterAll
  static void close() {
    fixture.close();
  }

  private static ComponentInstance instance(String name) {
    return ComponentInstance.instantiate(
        TestComponents.bytes(name), ComponentLimits.DEFAULT, 16 << 20);
  }

  @Test
  void aHandWrittenComponentGreetsThroughTheCanonicalAbi() {
    try (ComponentInstance text = instance("text")) {
      assertThat(text.call("greet", List.of("wörld"))).isEqualTo("hello, wörld");
      assertThat(text.call("echo", List.of("ünï €uro 😀"))).isEqualTo("ünï €uro 😀");
      assertThat(text.call("greet", List.of(""))).isEqualTo("hello, ");
    }
  }

  @Test
  void stringsOfEverySizeAroundTheCopyUnitsComeBackExactly() {
    // Lowered into guest memory in 128-byte runs through the memory copy helper, the rest in
    // words and bytes; 2- and 3-byte characters fall across both borders.
    try (ComponentInstance text = instance("text")) {
      for (int size : List.of(0, 1, 7, 8, 127, 128, 129, 1023, 1024, 1025, 64 * 1024)) {
        for (String filler : List.of("a", "ab", "abc")) {
          String s = StringCopyTest.straddling(size, filler);
          assertThat(text.call("echo", List.of(s))).as("%d bytes", size).isEqualTo(s);
        }
      }
    }
  }

  @Test
  void stringsCrossInUtf16AndLatin1PlusUtf16() {
    for (String name : List.of("echo-utf16", "echo-latin1-utf16")) {
      try (ComponentInstance echo = instance(name)) {
        for (String s : List.of("", "café", "1 €", "😀 and more", "x".repeat(5000))) {
          assertThat(echo.call("echo", List.of(s))).as("%s %s", name, s).isEqualTo(s);
        }
      }
    }
  }

  @Test
  void callsThatDoNotFitTheExportAreBadCalls() {
    try (ComponentInstance text = instance("text")) {
      assertThatThrownBy(() -> text.call("greet", List.of(42)))
          .isInstanceOf(MosaicException.class)
          .hasMessageContaining("expected a string")
          .extracting(e -> ((MosaicException) e).code())
          .isEqualTo("E9004");
      assertThatThrownBy(() -> text.call("nope", List.of()))
          .isInstanceOf(MosaicException.class)
          .hasMessageContaining("no function `nope`");
      assertThatThrownBy(() -> text.call("greet", List.of("a", "b")))
          .isInstanceOf(MosaicException.class)
          .hasMessageContaining("expected 1 values, got 2");
    }
  }

  /**
   * A guest memory read and written through {@link GraalMemory}, whose writes go eight bytes at a
   * time and whose integers are single typed accesses, holds what a byte array would: every length
   * around the eight-byte step at an odd offset, and integers of each width, little-endian.
   */
  @Test
  void graalMemoryHoldsWhatAByteArrayWould() {
    try (Context context = Context.newBuilder("wasm").build()) {
      Value module =
          context.eval(
              Source.newBuilder(
                      "wasm", ByteSequence.create(TestComponents.bytes("text-core")), "text")
                  .buildLiteral());
      GraalMemory memory =
          new GraalMemory(module.newInstance().getMember("exports").getMember("memory"));
      ByteArrayMemory expected = new ByteArrayMemory((int) memory.size(), 0);
      for (int length = 0; length <= 19; length++) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
          bytes[i] = (byte) (0x80 + 7 * i + length);
        }
        long at = 4_001L + 32L * length;
        memory.write(at, bytes, length);
        expected.write(at, bytes, length);
      }
      long[] values = {0x81L, 0xFF7FL, 0x8000_0001L, 0x8070_6050_4030_2010L};
      int[] widths = {1, 2, 4, 8};
      for (int k = 0; k < widths.length; k++) {
        long at = 9_003L + 16L * k;
        memory.writeInt(at, widths[k], values[k]);
        expected.writeInt(at, widths[k], values[k]);
        assertThat(memory.readInt(at, widths[k])).isEqualTo(values[k]);
      }
      // Past the module's own data (at 16): 4,000 to 10,000 holds only what was written here.
      byte[] got = new byte[6_000];
      byte[] want = new byte[6_000];
      memory.read(4_000, got, got.length);
      expected.read(4_000, want, want.length);
      assertThat(got).isEqualTo(want);
    }
  }

  /**
   * The core module called directly: what the canonical ABI writes into guest memory is exactly
   * what the module reads, and it reads the module's return area as the module wrote it.
   */
  @Test
  void loweredBytesAreWhatTheCoreModuleReads() {
    try (Context context = Context.newBuilder("wasm").build()) {
      Value module =
          context.eval(
              Source.newBuilder(
                      "wasm", ByteSequence.create(TestComponents.bytes("text-core")), "text")
                  .buildLiteral());
      Value exports = module.newInstance().getMember("exports");
      GraalMemory memory = new GraalMemory(exports.getMember("memory"));
      ComponentState state = new ComponentState(new HandleTable(), Set.of(), Map.of());
      CanonicalAbi abi =
          new CanonicalAbi(
              state,
              memory,
              GraalMemory.realloc(exports.getMember("cabi_realloc")),
              StringEncoding.LATIN1_UTF16,
              new Layouts(),
              1 << 20);
      List<Object> flat = abi.lowerValues(List.of("café"), List.of(Primitive.STRING), 16, null);
      int ptr = (Integer) flat.get(0);
      byte[] written = new byte[4];
      memory.read(ptr, written, 4);
      assertThat(written).isEqualTo("café".getBytes(StandardCharsets.ISO_8859_1));
      // The module's realloc starts its heap at 1024 and aligns to 2 for latin1+utf16.
      assertThat(ptr).isEqualTo(1024);
      int ret = exports.getMember("echo").execute(flat.toArray()).asInt();
      assertThat(ret).isEqualTo(8);
      assertThat(memory.readInt(8, 4)).isEqualTo(1024);
      assertThat(memory.readInt(12, 4)).isEqualTo(4);
      assertThat(
              abi.liftValues(
                  new CanonicalAbi.FlatReader(List.of(ret)), List.of(Primitive.STRING), 1))
          .containsExactly("café");
      List<Object> euro = abi.lowerValues(List.of("€"), List.of(Primitive.STRING), 16, null);
      assertThat(euro.get(1)).isEqualTo(0x8000_0001);
      assertThat(memory.readInt((Integer) euro.get(0), 2)).isEqualTo(0x20AC);
    }
  }

  private static Map<String, Object> point(int x, int y) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("x", x);
    m.put("y", y);
    return m;
  }

  @Test
  void theJavaScriptComponentTakesAndReturnsEveryKindOfValue() {
    assertThat(fixture.call("version", List.of())).isEqualTo("fixture 0.1.0");
    assertThat(fixture.call(VALUES, "greet", List.of("Grüße 😀"))).isEqualTo("hello, Grüße 😀");
    assertThat(fixture.call(VALUES, "shout", List.of(List.of("a", "bé", ""))))
        .isEqualTo(List.of("A", "BÉ", ""));
    assertThat(fixture.call(VALUES, "move-point", List.of(point(1, 2), -3, 40)))
        .isEqualTo(point(-2, 42));
    assertThat(fixture.call(VALUES, "area", List.of(new VariantValue("rect", point(3, 4)))))
        .isEqualTo(12.0);
    assertThat((Double) fixture.call(VALUES, "area", List.of(new VariantValue("circle", 1.0))))
        .isCloseTo(Math.PI, org.assertj.core.api.Assertions.within(1e-12));
    assertThat(fixture.call(VALUES, "area", List.of(VariantValue.of("empty")))).isEqualTo(0.0);
    assertThat(fixture.call(VALUES, "find", List.of(List.of("a", "b", "c"), "c")))
        .isEqualTo(Optional.of(2L));
    assertThat(fixture.call(VALUES, "find", List.of(List.of("a"), "z")))
        .isEqualTo(Optional.empty());
    assertThat(fixture.call(VALUES, "parse-number", List.of("-9007199254740993")))
        .isEqualTo(WitResult.ok(-9007199254740993L));
    assertThat(fixture.call(VALUES, "parse-number", List.of("twelve")))
        .isEqualTo(WitResult.err("not a number: twelve"));
    assertThat(fixture.call(VALUES, "grant", List.of(Set.of("read"), Set.of("exec"))))
        .isEqualTo(Set.of("read", "exec"));
    assertThat(fixture.call(VALUES, "next-color", List.of("blue"))).isEqualTo("red");
    assertThat(fixture.call(VALUES, "pair", List.of(List.of(7, "é"), true)))
        .isEqualTo(List.of("é", 7, false));
  }

  @Test
  void theJavaScriptComponentsResourceIsOwnedByTheHostAndBorrowedBack() {
    ResourceValue counter =
        (ResourceValue) fixture.call(VALUES, "[constructor]counter", List.of(10L));
    assertThat(counter.owned()).isTrue();
    assertThat(counter.type().name()).isEqualTo("counter");
    assertThat(fixture.call(VALUES, "[method]counter.increment", List.of(counter, 5L)))
        .isEqualTo(15L);
    assertThat(fixture.call(VALUES, "[method]counter.value", List.of(counter))).isEqualTo(15L);
    assertThat(fixture.call(VALUES, "sum-counter", List.of(counter))).isEqualTo(15L);
    int live = fixture.state().handles().live();
    counter.drop();
    assertThat(counter.isGone()).isTrue();
    assertThat(fixture.state().handles().live()).isEqualTo(live);
    assertThatThrownBy(() -> fixture.call(VALUES, "[method]counter.value", List.of(counter)))
        .isInstanceOf(MosaicException.class)
        .hasMessageContaining("dropped or passed on");
  }
}
