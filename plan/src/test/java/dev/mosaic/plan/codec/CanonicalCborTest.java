package dev.mosaic.plan.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.plan.Component;
import dev.mosaic.plan.EntryPoint;
import dev.mosaic.plan.FuncType;
import dev.mosaic.plan.FunctionDecl;
import dev.mosaic.plan.Plan;
import dev.mosaic.plan.PlanCodec;
import dev.mosaic.plan.PlanFixtures;
import dev.mosaic.plan.PolicyRule;
import dev.mosaic.plan.SignatureRequirement;
import dev.mosaic.plan.TenantLimits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CanonicalCborTest {
  private static final HexFormat HEX = HexFormat.of();
  private final PlanCodec codec = new PlanCodec();

  @Test
  void integersTakeTheirShortestForm() {
    assertThat(hex(0)).isEqualTo("00");
    assertThat(hex(23)).isEqualTo("17");
    assertThat(hex(24)).isEqualTo("1818");
    assertThat(hex(255)).isEqualTo("18ff");
    assertThat(hex(256)).isEqualTo("190100");
    assertThat(hex(65_536)).isEqualTo("1a00010000");
    assertThat(hex(1L << 32)).isEqualTo("1b0000000100000000");
    assertThat(hex(-1)).isEqualTo("20");
    assertThat(hex(-25)).isEqualTo("3818");
  }

  @Test
  void mapKeysSortShorterFirstThenBytewise() {
    Map<String, Object> m = new java.util.HashMap<>();
    m.put("bb", 1);
    m.put("a", 2);
    m.put("ab", 3);
    m.put("b", 4);
    assertThat(HEX.formatHex(CanonicalCbor.encode(m)))
        .isEqualTo("a461610261620462616203626262" + "01");
  }

  @Test
  void longStringsKeepADefiniteLength() {
    String s = "x".repeat(4_000) + "\u00e9".repeat(40);
    byte[] bytes = CanonicalCbor.encode(s);
    // 0x79: text string with a two-byte length, never 0x7f (indefinite, chunked).
    assertThat(bytes[0] & 0xff).isEqualTo(0x79);
    assertThat(bytes.length).isEqualTo(3 + 4_080);
  }

  @Test
  void pythonCbor2CanonicalModeAgreesByteForByte(@TempDir Path dir)
      throws IOException, InterruptedException {
    List<Plan> plans =
        List.of(
            PlanFixtures.single(),
            PlanFixtures.typical(),
            PlanFixtures.layered(7, 3, 4, 100),
            signedAndUnicode(),
            PlanFixtures.maximal());
    for (int i = 0; i < plans.size(); i++) {
      Files.write(dir.resolve("plan" + i + ".cbor"), codec.encode(plans.get(i)));
    }
    // cbor2 decodes each plan and re-encodes it in canonical mode; the bytes must not change.
    String script =
        """
        import cbor2, sys, pathlib
        for p in sorted(pathlib.Path(sys.argv[1]).glob('*.cbor')):
            data = p.read_bytes()
            again = cbor2.dumps(cbor2.loads(data), canonical=True)
            print(p.name, 'same' if again == data else 'differs', again.hex() if again != data else '')
        """;
    Process python =
        new ProcessBuilder(python(), "-c", script, dir.toString())
            .redirectErrorStream(true)
            .start();
    assertThat(python.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(python.exitValue()).as(out).isZero();
    assertThat(out.lines().toList())
        .containsExactly(
            "plan0.cbor same ",
            "plan1.cbor same ",
            "plan2.cbor same ",
            "plan3.cbor same ",
            "plan4.cbor same ");
  }

  @Test
  void pythonCbor2BuildsTheSameBytesFromScratch() throws IOException, InterruptedException {
    // An independent construction of a one-component plan, checked against ours.
    Plan plan =
        new Plan(
            1,
            "t",
            List.of(
                new Component(
                    "a",
                    "sha256:" + "0".repeat(64),
                    List.of(),
                    List.of(new FunctionDecl("", "run", new FuncType(List.of(), List.of("i32")))))),
            List.of(),
            List.of(new PolicyRule(PolicyRule.Effect.DENY, "*", "http", List.of("*.evil"))),
            new TenantLimits(300, 1L << 33, 70_000),
            List.of(new EntryPoint("a", "run")));
    String script =
        """
        import cbor2
        plan = {
          'version': 1, 'tenant': 't',
          'components': [{'id': 'a', 'digest': 'sha256:' + '0' * 64, 'imports': [],
                          'exports': [['', 'run', [], ['i32']]]}],
          'bindings': [], 'policy': [['deny', '*', 'http', ['*.evil']]],
          'limits': {'components': 300, 'memory': 2 ** 33, 'time_ms': 70000},
          'entry': [['a', 'run']],
        }
        print(cbor2.dumps(plan, canonical=True).hex())
        """;
    Process python = new ProcessBuilder(python(), "-c", script).redirectErrorStream(true).start();
    assertThat(python.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(out).isEqualTo(HEX.formatHex(codec.encode(plan)));
  }

  static Plan signedAndUnicode() {
    Plan base = PlanFixtures.typical();
    Component first = base.components().getFirst();
    Component signed =
        new Component(
            first.id(),
            first.digest(),
            first.imports(),
            first.exports(),
            new SignatureRequirement(
                List.of("cosign", "x509"), List.of("pkcs11:token=mosaic;object=release")));
    List<Component> components = new java.util.ArrayList<>(base.components());
    components.set(0, signed);
    return new Plan(
        base.formatVersion(),
        "t\u00e9nant-\u6f22",
        components,
        base.bindings(),
        List.of(
            new PolicyRule(PolicyRule.Effect.ALLOW, "*", "log", List.of()),
            new PolicyRule(
                PolicyRule.Effect.ALLOW, "c0_0", "secret", List.of("api-*", "db/\u00fcser"))),
        new TenantLimits(1_000, 1L << 40, Long.MAX_VALUE),
        base.entryPoints());
  }

  /**
   * Debian's interpreter first: python3-cbor2 is a Debian package, and a python3 earlier on the
   * PATH (pyenv, a virtualenv) may not see it.
   */
  private static String python() throws IOException, InterruptedException {
    for (String candidate : List.of("/usr/bin/python3", "python3")) {
      try {
        Process p = new ProcessBuilder(candidate, "-c", "import cbor2").start();
        if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
          return candidate;
        }
      } catch (IOException e) {
        // not installed under that name; try the next
      }
    }
    throw new IllegalStateException("python3 with cbor2 is required (Debian: python3-cbor2)");
  }

  private static String hex(long value) {
    return HEX.formatHex(CanonicalCbor.encode(value));
  }
}
