package dev.mosaic.host.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.host.component.Component;
import dev.mosaic.host.component.ComponentBytes;
import dev.mosaic.host.component.ComponentCodes;
import dev.mosaic.host.component.ComponentLimits;
import dev.mosaic.host.component.TestComponents;
import dev.mosaic.host.component.binary.ComponentReader;
import dev.mosaic.host.component.binary.WorldReader;
import dev.mosaic.plan.MosaicException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Hostile component binaries: cut short, corrupted, claiming huge counts, nesting deep, naming
 * things in bad UTF-8, or built to make type resolution explode. Each is refused with an E42xx
 * code, quickly and without taking memory in proportion to what it claims.
 */
class ComponentReaderHostileTest {

  private static MosaicException refused(byte[] bytes) {
    return refused(bytes, ComponentLimits.DEFAULT);
  }

  private static MosaicException refused(byte[] bytes, ComponentLimits limits) {
    try {
      Component c = ComponentReader.read(bytes, limits);
      WorldReader.read(c, limits);
    } catch (MosaicException e) {
      return e;
    }
    throw new AssertionError("accepted");
  }

  private static void assertRefused(byte[] bytes, String code, String message) {
    MosaicException e = refused(bytes);
    assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
    assertThat(e.getMessage()).contains(message);
    assertThat(e.exitCode()).isEqualTo(65);
  }

  /** Reads and resolves; returns normally or with a coded E42xx error, nothing else. */
  private static void readOrRefuse(byte[] bytes) {
    try {
      WorldReader.read(ComponentReader.read(bytes));
    } catch (MosaicException e) {
      assertThat(e.code()).as(e.getMessage()).startsWith("E42");
    }
  }

  @Test
  void everyTruncationOfARealComponentIsRefusedWithACodeUnlessItEndsBetweenSections() {
    byte[] text = TestComponents.bytes("text");
    int accepted = 0;
    for (int n = 0; n < text.length; n++) {
      byte[] cut = Arrays.copyOf(text, n);
      try {
        WorldReader.read(ComponentReader.read(cut));
        accepted++;
      } catch (MosaicException e) {
        assertThat(e.code()).as("cut at %d: %s", n, e.getMessage()).startsWith("E421");
      }
    }
    // Cut between two sections, what is left is a smaller, valid component.
    assertThat(accepted).isLessThan(20);
    assertRefused(Arrays.copyOf(text, 7), ComponentCodes.NOT_A_COMPONENT, "\\0asm");
    assertRefused(Arrays.copyOf(text, 20), ComponentCodes.MALFORMED, "runs past the end");
  }

  @Test
  void everyByteOfARealComponentCorruptedGivesAResultOrACode() {
    byte[] text = TestComponents.bytes("text");
    for (int i = 0; i < text.length; i++) {
      for (int value : new int[] {0x00, 0x01, 0x7F, 0x80, 0xFF}) {
        byte[] bad = text.clone();
        bad[i] = (byte) value;
        readOrRefuse(bad);
      }
    }
  }

  @Test
  void aHugeCountIsRefusedBeforeAnythingIsAllocated() {
    byte[] bytes =
        ComponentBytes.component()
            .section(7, ComponentBytes.empty().u32(0xFFFF_FFFFL).raw(0x7f))
            .bytes();
    assertRefused(bytes, ComponentCodes.MALFORMED, "larger than the bytes left");
  }

  @Test
  void leb128OverflowIsMalformed() {
    // six bytes for a u32
    byte[] six = ComponentBytes.component().raw(0x07, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00).bytes();
    assertRefused(six, ComponentCodes.MALFORMED, "longer than 5 bytes");
    // a fifth byte with bits above 2^32
    byte[] wide = ComponentBytes.component().raw(0x07, 0xFF, 0xFF, 0xFF, 0xFF, 0x1F).bytes();
    assertRefused(wide, ComponentCodes.MALFORMED, "too large for u32");
  }

  @Test
  void aSectionLongerThanTheInputIsMalformed() {
    byte[] bytes = ComponentBytes.component().raw(7).u32(1000).raw(0x00).bytes();
    assertRefused(bytes, ComponentCodes.MALFORMED, "runs past the end");
    byte[] leftover =
        ComponentBytes.component()
            .section(7, ComponentBytes.empty().u32(1).raw(0x7f).raw(0x00))
            .bytes();
    assertRefused(leftover, ComponentCodes.MALFORMED, "bytes left over");
  }

  @Test
  void namesInBadUtf8AreMalformed() {
    for (int[] bad :
        new int[][] {
          {0xC3, 0x28}, // truncated sequence
          {0xC0, 0xAF}, // overlong '/'
          {0xED, 0xA0, 0x80}, // a surrogate
          {0xF4, 0x90, 0x80, 0x80}, // above U+10FFFF
          {0xFF}
        }) {
      byte[] bytes =
          ComponentBytes.component()
              .section(
                  10,
                  ComponentBytes.empty().u32(1).raw(0x00).u32(bad.length).raw(bad).raw(0x01, 0x00))
              .bytes();
      assertRefused(bytes, ComponentCodes.MALFORMED, "not valid UTF-8");
    }
  }

  /** {@code depth} components, each the only section of the one around it. */
  private static byte[] nested(int depth) {
    ComponentBytes inner = ComponentBytes.component();
    for (int i = 0; i < depth; i++) {
      inner = ComponentBytes.component().section(4, inner);
    }
    return inner.bytes();
  }

  @Test
  void deeplyNestedComponentsStopAtTheDepthLimit() {
    assertThat(ComponentReader.read(nested(10)).definitions()).hasSize(1);
    assertRefused(nested(10_000), ComponentCodes.LIMIT, "nests deeper than the limit of 16");
  }

  @Test
  void deeplyNestedInstanceTypesStopAtTheDepthLimit() {
    // (type (instance (type (instance ... ))))
    ComponentBytes t = ComponentBytes.empty().raw(0x42).u32(0);
    for (int i = 0; i < 5_000; i++) {
      t = ComponentBytes.empty().raw(0x42).u32(1).raw(0x01).raw(t.bytes());
    }
    byte[] bytes =
        ComponentBytes.component().section(7, ComponentBytes.empty().u32(1).raw(t.bytes())).bytes();
    assertRefused(bytes, ComponentCodes.LIMIT, "nests deeper");
  }

  @Test
  void deeplyNestedValueTypesStopAtTheTypeDepthLimit() {
    // type 0 = list<u8>, type i = list<type i-1>, 200 levels
    ComponentBytes types = ComponentBytes.empty().u32(200).raw(0x70, 0x7d);
    for (int i = 1; i < 200; i++) {
      types.raw(0x70).s33(i - 1);
    }
    byte[] bytes = ComponentBytes.component().section(7, types).bytes();
    assertRefused(bytes, ComponentCodes.LIMIT, "nests deeper than the limit of 64 levels");
  }

  @Test
  void aTypeOfExponentialSizeIsInvalidAndCostsLinearMemory() {
    // type 0 = u64, type i = tuple<type i-1, type i-1>: 2^i * 8 bytes, 50 definitions
    ComponentBytes types = ComponentBytes.empty().u32(50).raw(0x77).raw(0x6f, 0x01, 0x77);
    types = ComponentBytes.empty().u32(50).raw(0x6f, 0x01, 0x77);
    for (int i = 1; i < 50; i++) {
      types.raw(0x6f, 0x02).s33(i - 1).s33(i - 1);
    }
    byte[] bytes = ComponentBytes.component().section(7, types).bytes();
    assertRefused(bytes, ComponentCodes.INVALID, "larger than the canonical ABI allows");
  }

  @Test
  void repeatedInstantiationOfNestedComponentsIsBounded() {
    // component 0 is empty; component k outer-aliases component k-1 and instantiates it twice:
    // instantiating component 40 would evaluate 2^40 components.
    ComponentBytes top = ComponentBytes.component().section(4, ComponentBytes.component());
    for (int k = 1; k <= 40; k++) {
      ComponentBytes c =
          ComponentBytes.component()
              .section(6, ComponentBytes.empty().u32(1).raw(0x04, 0x02).u32(1).u32(k - 1))
              .section(
                  5, ComponentBytes.empty().u32(2).raw(0x00).u32(0).u32(0).raw(0x00).u32(0).u32(0));
      top.section(4, c);
    }
    top.section(5, ComponentBytes.empty().u32(1).raw(0x00).u32(40).u32(0));
    long start = System.nanoTime();
    MosaicException e = refused(top.bytes());
    assertThat(e.code()).isEqualTo(ComponentCodes.LIMIT);
    assertThat(System.nanoTime() - start).isLessThan(30_000_000_000L);
  }

  @Test
  void readerLimitsAreEnforced() {
    byte[] text = TestComponents.bytes("text");
    assertThat(refused(text, limits(100, 16, 1000, 10_000, 1000, 4096)).getMessage())
        .contains("over the limit of 100 bytes");
    assertThat(refused(text, limits(1 << 20, 16, 2, 10_000, 1000, 4096)).getMessage())
        .contains("more than 2 sections");
    assertThat(refused(text, limits(1 << 20, 16, 1000, 3, 1000, 4096)).getMessage())
        .contains("more than 3 items");
    assertThat(refused(text, limits(1 << 20, 16, 1000, 10_000, 1, 4096)).getMessage())
        .contains("more than 1 types");
    assertThat(refused(text, limits(1 << 20, 16, 1000, 10_000, 1000, 4)).getMessage())
        .contains("over the limit of 4");
  }

  private static ComponentLimits limits(
      long bytes, int depth, int sections, int items, int types, int nameBytes) {
    return new ComponentLimits(bytes, depth, sections, items, types, nameBytes, 64);
  }

  private static byte[] typeSection(int... type) {
    return ComponentBytes.component().section(7, ComponentBytes.empty().u32(1).raw(type)).bytes();
  }

  @Test
  void featuresNotYetSupportedAreNamed() {
    assertRefused(
        typeSection(0x43, 0x00, 0x01, 0x00), ComponentCodes.UNSUPPORTED, "async functions");
    assertRefused(typeSection(0x66, 0x00), ComponentCodes.UNSUPPORTED, "streams");
    assertRefused(typeSection(0x65, 0x00), ComponentCodes.UNSUPPORTED, "futures");
    assertRefused(typeSection(0x64), ComponentCodes.UNSUPPORTED, "error contexts");
    assertRefused(typeSection(0x67, 0x7d, 0x04), ComponentCodes.UNSUPPORTED, "fixed-length lists");
    assertRefused(
        ComponentBytes.component()
            .section(8, ComponentBytes.empty().u32(1).raw(0x09, 0x01, 0x00, 0x00))
            .bytes(),
        ComponentCodes.UNSUPPORTED,
        "async tasks");
    assertRefused(
        ComponentBytes.component().section(12, ComponentBytes.empty().u32(0)).bytes(),
        ComponentCodes.UNSUPPORTED,
        "value definitions");
    MosaicException e = refused(typeSection(0x43, 0x00, 0x01, 0x00));
    assertThat(e.getMessage()).contains("which Mosaic does not support yet");
  }

  @Test
  void otherVersionsAndLayersAreNamed() {
    byte[] v14 = {0x00, 0x61, 0x73, 0x6d, 0x0e, 0x00, 0x01, 0x00};
    assertRefused(v14, ComponentCodes.UNSUPPORTED, "version 0xe is not supported");
    byte[] layer2 = {0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x02, 0x00};
    assertRefused(layer2, ComponentCodes.NOT_A_COMPONENT, "unknown layer 2");
    assertRefused(
        "hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
        ComponentCodes.NOT_A_COMPONENT,
        "\\0asm");
  }

  @Test
  void typesThatBreakTheRulesAreInvalid() {
    // flags with 33 labels
    ComponentBytes flags = ComponentBytes.empty().u32(1).raw(0x6e).u32(33);
    for (int i = 0; i < 33; i++) {
      flags.name("f" + i);
    }
    assertRefused(
        ComponentBytes.component().section(7, flags).bytes(),
        ComponentCodes.INVALID,
        "1 to 32 labels");
    assertRefused(typeSection(0x72, 0x00), ComponentCodes.INVALID, "at least one field");
    // a record with two fields that differ only in case
    byte[] twice =
        ComponentBytes.component()
            .section(
                7,
                ComponentBytes.empty()
                    .u32(1)
                    .raw(0x72)
                    .u32(2)
                    .name("abc")
                    .raw(0x7f)
                    .name("ABC")
                    .raw(0x7f))
            .bytes();
    assertRefused(twice, ComponentCodes.INVALID, "not unique");
    // own<u8>: own of a type that is not a resource
    byte[] own =
        ComponentBytes.component()
            .section(7, ComponentBytes.empty().u32(2).raw(0x70, 0x7d).raw(0x69).u32(0))
            .bytes();
    assertRefused(own, ComponentCodes.INVALID, "need a resource type");
    // a list of type 5, which does not exist
    assertRefused(typeSection(0x70, 0x05), ComponentCodes.INVALID, "type index 5 is out of range");
    // an export of func 0 when there are no functions
    byte[] export =
        ComponentBytes.component()
            .section(
                11, ComponentBytes.empty().u32(1).raw(0x00).name("f").raw(0x01).u32(0).raw(0x00))
            .bytes();
    assertRefused(export, ComponentCodes.INVALID, "func index 0 is out of range");
    // a function result that borrows
    byte[] borrowResult =
        ComponentBytes.component()
            .section(
                7,
                ComponentBytes.empty()
                    .u32(3)
                    .raw(0x3f, 0x7f, 0x00)
                    .raw(0x68)
                    .u32(0)
                    .raw(0x40)
                    .u32(0)
                    .raw(0x00)
                    .u32(1))
            .bytes();
    assertRefused(borrowResult, ComponentCodes.INVALID, "cannot contain a borrow");
    // two exports whose names differ only in case
    byte[] names =
        ComponentBytes.component()
            .section(7, ComponentBytes.empty().u32(1).raw(0x7f))
            .section(
                11,
                ComponentBytes.empty()
                    .u32(2)
                    .raw(0x00)
                    .name("abc")
                    .raw(0x03)
                    .u32(0)
                    .raw(0x00)
                    .raw(0x00)
                    .name("ABC")
                    .raw(0x03)
                    .u32(0)
                    .raw(0x00))
            .bytes();
    assertRefused(names, ComponentCodes.INVALID, "not unique");
  }
}
