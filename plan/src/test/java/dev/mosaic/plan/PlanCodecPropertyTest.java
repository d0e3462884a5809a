package dev.mosaic.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Properties of the codec over generated plans and generated damage. */
class PlanCodecPropertyTest {
  private final PlanCodec codec = new PlanCodec();

  @Property(tries = 300)
  void decodingThenEncodingGivesTheSameBytes(@ForAll("plans") Plan plan) {
    byte[] bytes = codec.encode(plan);
    Plan decoded = codec.decode(bytes);
    assertThat(decoded).isEqualTo(plan);
    assertThat(codec.encode(decoded)).isEqualTo(bytes);
    assertThat(codec.digest(decoded)).isEqualTo(PlanCodec.digestOf(bytes));
  }

  @Property(tries = 300)
  void damagedPlansFailOnlyWithCodedDiagnostics(
      @ForAll("plans") Plan plan,
      @ForAll @IntRange(min = 0, max = 10_000) int where,
      @ForAll byte value) {
    byte[] bytes = codec.encode(plan);
    bytes[where % bytes.length] = value;
    try {
      // A changed byte either still decodes to a canonical plan or is refused with a code.
      assertThat(codec.encode(codec.decode(bytes))).isEqualTo(bytes);
    } catch (MosaicException e) {
      assertThat(e.diagnostics())
          .isNotEmpty()
          .allSatisfy(d -> assertThat(d.code()).matches("E[38]\\d{3}"));
    }
  }

  @Provide
  Arbitrary<Plan> plans() {
    Arbitrary<String> names =
        Arbitraries.strings().withChars("abcxyz_0189é漢").ofMinLength(0).ofMaxLength(12);
    Arbitrary<List<String>> types = Arbitraries.of("i32", "i64", "f32", "f64").list().ofMaxSize(4);
    Arbitrary<FunctionDecl> functions =
        Combinators.combine(names, names, types, types)
            .as((m, n, p, r) -> new FunctionDecl(m, n, new FuncType(p, r)));
    Arbitrary<SignatureRequirement> signatures =
        Combinators.combine(names.list().ofMaxSize(2), names.list().ofMaxSize(2))
            .as((v, k) -> v.isEmpty() ? SignatureRequirement.NONE : new SignatureRequirement(v, k));
    Arbitrary<Component> components =
        Combinators.combine(
                names,
                Arbitraries.strings().withChars("0123456789abcdef").ofLength(64),
                functions.list().ofMaxSize(4),
                functions.list().ofMaxSize(4),
                signatures)
            .as((id, hex, imp, exp, sig) -> new Component(id, "sha256:" + hex, imp, exp, sig));
    Arbitrary<Binding> bindings =
        Combinators.combine(names, names, names, names, names).as(Binding::new);
    Arbitrary<PolicyRule> rules =
        Combinators.combine(
                Arbitraries.of(PolicyRule.Effect.class),
                names,
                Arbitraries.of(Capabilities.KNOWN),
                names.list().ofMaxSize(3))
            .as(PolicyRule::new);
    Arbitrary<TenantLimits> limits =
        Combinators.combine(
                Arbitraries.integers().between(1, Integer.MAX_VALUE),
                Arbitraries.longs().between(1, Long.MAX_VALUE),
                Arbitraries.longs().between(1, Long.MAX_VALUE))
            .as(TenantLimits::new);
    Arbitrary<EntryPoint> entries = Combinators.combine(names, names).as(EntryPoint::new);
    return Combinators.combine(
            names,
            components.list().ofMaxSize(6),
            bindings.list().ofMaxSize(6),
            rules.list().ofMaxSize(4),
            limits,
            entries.list().ofMaxSize(3))
        .as(
            (tenant, c, b, r, l, e) ->
                new Plan(Plan.FORMAT_VERSION, tenant, new ArrayList<>(c), b, r, l, e));
  }
}
