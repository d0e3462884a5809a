package dev.mosaic.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.mosaic.plan.codec.CanonicalCbor;
import dev.mosaic.plan.codec.PlanTree;
import dev.mosaic.plan.diag.Diagnostic;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Hostile plans, each rejected with its own code. The build runs this class on a 64 MiB heap (see
 * plan/pom.xml), so a decoder that allocated what an input claims would fail here.
 */
@Tag("hostile")
class HostileInputTest {
  private static final HexFormat HEX = HexFormat.of();
  private final PlanCodec codec = new PlanCodec();
  private final Plan typical = PlanFixtures.typical();
  private final byte[] good = codec.encode(typical);

  @Test
  void anEmptySignatureMapIsNotCanonical() {
    Plan single = PlanFixtures.single();
    Component c = single.components().getFirst();
    Component signed =
        new Component(
            c.id(),
            c.digest(),
            c.imports(),
            c.exports(),
            new SignatureRequirement(List.of("v"), List.of("k")));
    String hex =
        HEX.formatHex(
            new PlanCodec()
                .encode(
                    PlanFixtures.with(
                        single, List.of(signed), single.bindings(), single.entryPoints())));
    // {"keys": ["k"], "verifiers": ["v"]} becomes {}.
    String requirement = "a2646b65797381616b6976657269666965727381617" + "6";
    assertThat(hex).contains(requirement);
    MosaicException e = decodeError(HEX.parseHex(hex.replace(requirement, "a0")));
    assertThat(e.diagnostics()).extracting(Diagnostic::code).containsExactly("E3002");
    assertThat(e.getMessage()).contains("empty `signature`");
  }

  @Test
  void integersBeyondSixtyFourBitsAreNamedAsSuch() {
    // {"version": 2^64 - 1}: valid CBOR, but no plan integer is that large.
    MosaicException e = decodeError(HEX.parseHex("a16776657273696f6e1bffffffffffffffff"));
    assertThat(e.diagnostics().getFirst().code()).isEqualTo("E3005");
    assertThat(e.getMessage())
        .contains("expected an integer, found an integer outside the signed 64-bit range");
  }

  @Test
  void truncatedPlansAreMalformedAtEveryCut() {
    for (int cut = 0; cut < good.length; cut++) {
      byte[] truncated = Arrays.copyOf(good, cut);
      assertThat(decodeError(truncated).code()).as("cut at %d", cut).isEqualTo("E3001");
    }
  }

  @Test
  void bytesAfterThePlanAreMalformed() {
    byte[] longer = Arrays.copyOf(good, good.length + 1);
    MosaicException e = decodeError(longer);
    assertThat(e.code()).isEqualTo("E3001");
    assertThat(e.getMessage()).contains("1 bytes after the plan");
  }

  @Test
  void wrongMajorTypesAreNamedWithTheirPath() {
    // version as a text string
    assertThat(decodeError(HEX.parseHex("a16776657273696f6e6131")).code()).isEqualTo("E3005");
    // the root is an array, not a map
    assertThat(decodeError(HEX.parseHex("8101")).getMessage()).contains("expected a map");
    // a map key that is an integer
    assertThat(decodeError(HEX.parseHex("a10101")).getMessage()).contains("map keys are text");
    // a tag, a float, null
    assertThat(decodeError(HEX.parseHex("c11a00000000")).getMessage()).contains("no tags");
    assertThat(decodeError(HEX.parseHex("f93c00")).getMessage()).contains("floating-point");
    assertThat(decodeError(HEX.parseHex("f6")).code()).isEqualTo("E3005");
    // components as a map, bindings as an integer: both reported at once, with paths
    Plan plan = typical;
    byte[] bytes = replace(codec.encode(plan), "components", "a0", "bindings", "07");
    MosaicException e = decodeError(bytes);
    assertThat(e.diagnostics())
        .extracting(Diagnostic::message)
        .containsExactly(
            // in the order of the bytes: canonical key order puts `bindings` first
            "wrong type at `$.bindings`: expected an array, found an integer",
            "wrong type at `$.components`: expected an array, found a map");
  }

  @Test
  void lengthsOfTwoToTheSixtyThirdAreRefusedBeforeAnyAllocation() {
    for (String hex :
        List.of(
            "9b8000000000000000", // array of 2^63
            "9bffffffffffffffff", // array of 2^64 - 1
            "bb8000000000000000", // map of 2^63 entries
            "7b8000000000000000", // text of 2^63 bytes
            "5b7fffffffffffffff", // bytes of 2^63 - 1
            "5a7fffffff00", // bytes of 2^31 - 1 with one byte behind it
            "a16674656e616e74" + "7a7fffffff")) {
      MosaicException e = decodeError(HEX.parseHex(hex));
      assertThat(e.code()).as(hex).isEqualTo("E3006");
      assertThat(e.getMessage()).contains("more than any plan can hold");
    }
  }

  @Test
  void tenThousandDeepNestingStopsAtTheNestingLimit() {
    byte[] deep = new byte[10_001];
    Arrays.fill(deep, 0, 10_000, (byte) 0x81);
    deep[10_000] = 0x00;
    MosaicException e = decodeError(deep);
    assertThat(e.code()).isEqualTo("E8004");
    assertThat(e.getMessage()).contains("deeper than 16 levels");
    // the same through maps
    ByteArrayOutputStream maps = new ByteArrayOutputStream();
    for (int i = 0; i < 10_000; i++) {
      maps.writeBytes(HEX.parseHex("a16178"));
    }
    maps.write(0);
    assertThat(decodeError(maps.toByteArray()).code()).isEqualTo("E8004");
  }

  @Test
  void duplicateMapKeysAreNamed() {
    // {"tenant": "a", "tenant": "b"}
    MosaicException e = decodeError(HEX.parseHex("a26674656e616e7461616674656e616e746162"));
    assertThat(e.code()).isEqualTo("E3009");
    assertThat(e.diagnostics().getFirst().message())
        .isEqualTo("duplicate map key `tenant` at byte 10");
    // not adjacent: {"a": 1, "b": 2, "a": 3} is both unsorted and duplicated; the duplicate wins
    MosaicException spread = decodeError(HEX.parseHex("a3616101616202616103"));
    assertThat(spread.code()).isEqualTo("E3009");
  }

  @Test
  void nonCanonicalEncodingsAreRefused() {
    // indefinite-length array, a number not in its shortest form, unsorted keys
    assertThat(decodeError(HEX.parseHex("9f01ff")).code()).isEqualTo("E3002");
    assertThat(decodeError(HEX.parseHex("a16776657273696f6e1801")).code()).isEqualTo("E3002");
    assertThat(decodeError(HEX.parseHex("a2616201616102")).code()).isEqualTo("E3002");
    // an empty signature requirement, which the encoder leaves out
    java.util.Map<String, Object> tree = PlanTree.toTree(typical);
    @SuppressWarnings("unchecked")
    java.util.Map<String, Object> first =
        (java.util.Map<String, Object>) ((List<Object>) tree.get("components")).getFirst();
    java.util.Map<String, Object> empty = CanonicalCbor.map();
    empty.put("verifiers", List.of());
    empty.put("keys", List.of());
    first.put("signature", empty);
    MosaicException e = decodeError(CanonicalCbor.encode(tree));
    assertThat(e.code()).isEqualTo("E3002");
    assertThat(e.getMessage()).contains("empty `signature` in `$.components[0]`");
  }

  @Test
  void oneThousandAndOneComponentsExceedTheLimit() {
    Plan plan = PlanFixtures.layered(1_001, 1, 0, 2_000);
    byte[] bytes = generous().encode(plan);
    MosaicException e = decodeError(bytes);
    assertThat(e.code()).isEqualTo("E8002");
    assertThat(e.diagnostics().getFirst().message())
        .isEqualTo("plan has 1001 components, over the limit of 1000");
    // and through the validator on a plan built in memory
    assertThat(validateError(plan).code()).isEqualTo("E8002");
  }

  @Test
  void tenThousandAndOneBindingsExceedTheLimit() {
    Plan max = PlanFixtures.maximal();
    List<Binding> bindings = new ArrayList<>(max.bindings());
    bindings.add(bindings.getLast());
    Plan plan = PlanFixtures.with(max, max.components(), bindings, max.entryPoints());
    MosaicException e = decodeError(generous().encode(plan));
    assertThat(e.code()).isEqualTo("E8003");
    assertThat(e.diagnostics().getFirst().message())
        .isEqualTo("plan has 10001 bindings, over the limit of 10000");
    assertThat(validateError(plan).code()).isEqualTo("E8003");
  }

  @Test
  void aChainOneHundredAndOneDeepIsTooDeep() {
    Plan plan = PlanFixtures.layered(101, 1, 0, 200);
    MosaicException e = validateError(plan);
    assertThat(e.code()).isEqualTo("E5003");
    assertThat(e.getMessage())
        .isEqualTo(
            "error[E5003]: chain of bindings from `c0_0` is 101 components deep, over the limit"
                + " of 100");
    // one hundred deep is allowed
    Plan hundred = PlanFixtures.layered(100, 1, 0, 200);
    assertThat(
            new PlanValidator(SystemLimits.DEFAULT, PlanFixtures.storeFor(hundred))
                .validate(codec.encode(hundred))
                .plan())
        .isEqualTo(hundred);
  }

  @Test
  void cyclesAreReportedWithTheirPath() {
    Plan chain = PlanFixtures.layered(4, 1, 0, 10);
    List<Component> components = new ArrayList<>(chain.components());
    Component last = components.getLast();
    components.set(
        3,
        PlanFixtures.component(
            last.id(),
            List.of(new FunctionDecl("dep", "back", PlanFixtures.UNARY)),
            last.exports()));
    List<Binding> bindings = new ArrayList<>(chain.bindings());
    bindings.add(new Binding("c3_0", "dep", "back", "c1_0", "e0"));
    Plan cyclic = PlanFixtures.with(chain, components, bindings, chain.entryPoints());
    MosaicException e = validateError(cyclic);
    assertThat(e.diagnostics())
        .extracting(Diagnostic::code, Diagnostic::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "E5001", "bindings form a cycle: `c1_0` -> `c2_0` -> `c3_0` -> `c1_0`"));
  }

  @Test
  void aLongCycleIsShortenedInTheMiddle() {
    int n = 500;
    List<Component> components = new ArrayList<>();
    List<Binding> bindings = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String id = "n" + i;
      components.add(
          PlanFixtures.component(
              id,
              List.of(new FunctionDecl("dep", "f", PlanFixtures.UNARY)),
              List.of(new FunctionDecl("", "f", PlanFixtures.UNARY))));
      bindings.add(new Binding(id, "dep", "f", "n" + ((i + 1) % n), "f"));
    }
    Plan ring =
        new Plan(
            1,
            "acme",
            components,
            bindings,
            List.of(),
            new TenantLimits(n, 1 << 20, 100),
            List.of(new EntryPoint("n0", "f")));
    MosaicException e = validateError(ring);
    assertThat(e.code()).isEqualTo("E5001");
    assertThat(e.getMessage())
        .contains("`n0` -> `n1` -> `n2` -> `n3` -> `n4` -> `n5` -> ... (490 more) -> `n496`")
        .endsWith("`n499` -> `n0`");
  }

  @Test
  void unknownVersionIsRefusedBeforeAnythingElse() {
    // {"version": 2, "whatever": 0}: the unknown field is not reported, the version decides
    MosaicException e = decodeError(HEX.parseHex("a26776657273696f6e026877686174657665720" + "0"));
    assertThat(e.diagnostics()).hasSize(1);
    assertThat(e.code()).isEqualTo("E3003");
    assertThat(e.diagnostics().getFirst().help()).isEqualTo("this host reads format version 1");
  }

  @Test
  void planLargerThanTheLimitIsRefusedBeforeParsing() {
    byte[] big = new byte[(1 << 20) + 1];
    assertThat(decodeError(big).code()).isEqualTo("E8001");
    // a smaller host limit applies just the same
    PlanCodec strict = new PlanCodec(SystemLimits.DEFAULT.withMaxPlanBytes(100));
    MosaicException e = catchThrowableOfType(MosaicException.class, () -> strict.decode(good));
    assertThat(e.code()).isEqualTo("E8001");
  }

  @Test
  void longStringsAreRefusedWhileParsing() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(HEX.parseHex("a16674656e616e74791001")); // {"tenant": <4097 bytes>}
    out.writeBytes("x".repeat(4_097).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(decodeError(out.toByteArray()).code()).isEqualTo("E8005");
  }

  @Test
  void unknownFieldsAreNamed() {
    java.util.Map<String, Object> tree = PlanTree.toTree(typical);
    tree.put("zzz", 1);
    MosaicException e = decodeError(CanonicalCbor.encode(tree));
    assertThat(e.code()).isEqualTo("E3010");
    assertThat(e.getMessage()).contains("unknown field `zzz` in `$`");
  }

  @Test
  void invalidUtf8IsMalformedOrNotCanonical() {
    // {"tenant": <0xff 0xfe>} as text
    MosaicException e = decodeError(HEX.parseHex("a16674656e616e7462fffe"));
    assertThat(e.code()).isIn("E3001", "E3002");
  }

  private MosaicException decodeError(byte[] bytes) {
    MosaicException e = catchThrowableOfType(MosaicException.class, () -> codec.decode(bytes));
    assertThat(e)
        .as("decoding %d bytes must fail with a MosaicException", bytes.length)
        .isNotNull();
    return e;
  }

  private static MosaicException validateError(Plan plan) {
    PlanValidator validator = new PlanValidator(SystemLimits.DEFAULT, PlanFixtures.storeFor(plan));
    MosaicException e = catchThrowableOfType(MosaicException.class, () -> validator.validate(plan));
    assertThat(e).as("validation must fail").isNotNull();
    return e;
  }

  private static PlanCodec generous() {
    return new PlanCodec(
        SystemLimits.DEFAULT
            .withMaxPlanBytes(8 << 20)
            .withMaxComponents(5_000)
            .withMaxBindings(50_000));
  }

  /** Replaces the values of top-level fields of an encoded plan with raw CBOR items. */
  private static byte[] replace(byte[] plan, String... fieldAndHex) {
    java.util.Map<String, Object> tree = new java.util.LinkedHashMap<>();
    PlanTree.toTree(new PlanCodec().decode(plan)).forEach(tree::put);
    java.util.Map<String, byte[]> raw = new java.util.HashMap<>();
    for (int i = 0; i < fieldAndHex.length; i += 2) {
      raw.put(fieldAndHex[i], HEX.parseHex(fieldAndHex[i + 1]));
    }
    java.util.List<String> keys = new ArrayList<>(tree.keySet());
    keys.sort(CanonicalCbor.KEY_ORDER);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0xa0 + keys.size());
    for (String k : keys) {
      out.writeBytes(CanonicalCbor.encode(k));
      out.writeBytes(raw.containsKey(k) ? raw.get(k) : CanonicalCbor.encode(tree.get(k)));
    }
    return out.toByteArray();
  }
}
