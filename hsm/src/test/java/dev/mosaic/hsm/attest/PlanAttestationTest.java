package dev.mosaic.hsm.attest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.hsm.signature.Keys;
import dev.mosaic.hsm.signature.Mutations;
import dev.mosaic.hsm.signature.SignatureCodes;
import dev.mosaic.hsm.signature.Tools;
import dev.mosaic.plan.Component;
import dev.mosaic.plan.EntryPoint;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.Plan;
import dev.mosaic.plan.PlanCodec;
import dev.mosaic.plan.TenantLimits;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Security;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signed plans: DSSE envelopes over in-toto statements, cross-checked with python and openssl. */
class PlanAttestationTest {
  @TempDir static Path dir;
  static Tools tools;
  static byte[] planBytes;
  static PublicKey ecPub;
  static PublicKey edPub;
  static PublicKey otherPub;
  static KeySigner ec;
  static KeySigner ed;

  @BeforeAll
  static void makeKeysAndPlan() {
    tools = new Tools(dir);
    tools.run("openssl", "ecparam", "-genkey", "-name", "prime256v1", "-noout", "-out", "ec.key");
    tools.run("openssl", "ec", "-in", "ec.key", "-pubout", "-out", "ec.pub");
    tools.run("openssl", "genpkey", "-algorithm", "ed25519", "-out", "ed.key");
    tools.run("openssl", "pkey", "-in", "ed.key", "-pubout", "-out", "ed.pub");
    tools.run(
        "openssl",
        "genpkey",
        "-algorithm",
        "EC",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-out",
        "other.key");
    tools.run("openssl", "pkey", "-in", "other.key", "-pubout", "-out", "other.pub");
    ecPub = Keys.readPublicKey(tools.read("ec.pub"), "ec.pub");
    edPub = Keys.readPublicKey(tools.read("ed.pub"), "ed.pub");
    otherPub = Keys.readPublicKey(tools.read("other.pub"), "other.pub");
    ec = KeySigner.fromPemFile(dir.resolve("ec.key"));
    ed = KeySigner.fromPemFile(dir.resolve("ed.key"));
    planBytes = plan("demo");
  }

  static byte[] plan(String tenant) {
    Plan plan =
        new Plan(
            Plan.FORMAT_VERSION,
            tenant,
            List.of(
                new Component(
                    "greeter", PlanCodec.digestOf("greeter wasm".getBytes()), List.of(), List.of()),
                new Component(
                    "store", PlanCodec.digestOf("store wasm".getBytes()), List.of(), List.of())),
            List.of(),
            List.of(),
            TenantLimits.DEFAULT,
            List.of(new EntryPoint("greeter", "greet")));
    return new PlanCodec().encode(plan);
  }

  private static DsseEnvelope signed() {
    return PlanAttestation.sign("hello.plan.cbor", planBytes, "0.1.0", ec, ed);
  }

  private static String code(Throwable e) {
    return ((MosaicException) e).code();
  }

  @Test
  void paeMatchesTheDsseSpecExample() {
    byte[] pae =
        Dsse.pae("http://example.com/HelloWorld", "hello world".getBytes(StandardCharsets.UTF_8));

    assertThat(new String(pae, StandardCharsets.UTF_8))
        .isEqualTo("DSSEv1 29 http://example.com/HelloWorld 11 hello world");
  }

  @Test
  void paeCountsBytesNotCharactersLikeAnIndependentImplementation() {
    String type = "application/vnd.example+json; note=é";
    byte[] body = "{\"greeting\":\"grüß dich\"}\n".getBytes(StandardCharsets.UTF_8);
    tools.write("pae-type.txt", type);
    tools.write("pae-body.bin", body);
    tools.write(
        "pae.py",
        """
        import sys
        t = open(sys.argv[1], 'rb').read(); b = open(sys.argv[2], 'rb').read()
        sys.stdout.write((b'DSSEv1 %d %s %d %s' % (len(t), t, len(b), b)).hex())
        """);

    String python = tools.run("python3", "pae.py", "pae-type.txt", "pae-body.bin");

    assertThat(java.util.HexFormat.of().formatHex(Dsse.pae(type, body))).isEqualTo(python);
  }

  @Test
  void signsAndVerifiesWithEcdsaAndEd25519FileKeys() {
    byte[] json = signed().toJson();

    VerifiedAttestation verified =
        PlanAttestation.verify(DsseEnvelope.parse(json), planBytes, List.of(ecPub, edPub), 2);

    assertThat(verified.keyIds()).containsExactly(Keys.keyId(ecPub), Keys.keyId(edPub));
    PlanProvenance p = verified.provenance();
    assertThat(p.planName()).isEqualTo("hello.plan.cbor");
    assertThat(p.planDigest()).isEqualTo(PlanCodec.digestOf(planBytes));
    assertThat(p.tenant()).isEqualTo("demo");
    assertThat(p.compilerVersion()).isEqualTo("0.1.0");
    assertThat(p.components())
        .containsExactly(
            new ComponentDigest("greeter", PlanCodec.digestOf("greeter wasm".getBytes())),
            new ComponentDigest("store", PlanCodec.digestOf("store wasm".getBytes())));
  }

  @Test
  void envelopeLayoutAndSignaturesCheckOutWithPythonAndOpenssl() {
    tools.write("envelope.json", signed().toJson());
    tools.write(
        "split.py",
        """
        import base64, hashlib, json
        env = json.load(open('envelope.json'))
        assert set(env) == {'payload', 'payloadType', 'signatures'}, env.keys()
        t = env['payloadType'].encode(); body = base64.b64decode(env['payload'])
        open('pae.bin', 'wb').write(b'DSSEv1 %d %s %d %s' % (len(t), t, len(body), body))
        for i, s in enumerate(env['signatures']):
            open('sig%d.bin' % i, 'wb').write(base64.b64decode(s['sig']))
        st = json.loads(body)
        plan = hashlib.sha256(open('plan.cbor', 'rb').read()).hexdigest()
        assert st['_type'] == 'https://in-toto.io/Statement/v1'
        assert st['subject'] == [{'name': 'hello.plan.cbor', 'digest': {'sha256': plan}}], st
        assert st['predicateType'] == 'https://mosaic.dev/provenance/v1'
        assert st['predicate']['compiler']['version'] == '0.1.0'
        assert [c['id'] for c in st['predicate']['components']] == ['greeter', 'store']
        print(env['payloadType'], len(env['signatures']))
        """);
    tools.write("plan.cbor", planBytes);

    assertThat(tools.run("python3", "split.py")).isEqualTo("application/vnd.in-toto+json 2\n");
    assertThat(
            tools.run(
                "openssl",
                "dgst",
                "-sha256",
                "-verify",
                "ec.pub",
                "-signature",
                "sig0.bin",
                "pae.bin"))
        .contains("Verified OK");
    assertThat(
            tools.run(
                "openssl",
                "pkeyutl",
                "-verify",
                "-pubin",
                "-inkey",
                "ed.pub",
                "-rawin",
                "-in",
                "pae.bin",
                "-sigfile",
                "sig1.bin"))
        .contains("Signature Verified Successfully");
  }

  @Test
  void rejectsATamperedPayload() {
    DsseEnvelope good = signed();
    String statement = new String(good.payload(), StandardCharsets.UTF_8);
    byte[] forged = statement.replace("\"0.1.0\"", "\"0.1.1\"").getBytes(StandardCharsets.UTF_8);
    assertThat(forged).isNotEqualTo(good.payload());
    DsseEnvelope tampered = new DsseEnvelope(good.payloadType(), forged, good.signatures());

    assertThatThrownBy(() -> PlanAttestation.verify(tampered, planBytes, List.of(ecPub, edPub), 1))
        .isInstanceOf(MosaicException.class)
        .hasMessage(
            "error[E4121]: signed plan has 0 valid signature(s) by trusted keys, 1 required");
  }

  @Test
  void rejectsAChangedPayloadType() {
    DsseEnvelope good = signed();
    DsseEnvelope retyped = new DsseEnvelope("application/json", good.payload(), good.signatures());

    assertThatThrownBy(() -> PlanAttestation.verify(retyped, planBytes, List.of(ecPub), 1))
        .extracting(PlanAttestationTest::code)
        .isEqualTo(SignatureCodes.ENVELOPE_NOT_TRUSTED);
  }

  @Test
  void rejectsSignaturesByKeysThatAreNotTrusted() {
    byte[] json = signed().toJson();

    assertThatThrownBy(() -> PlanAttestation.verify(json, planBytes, List.of(otherPub)))
        .extracting(e -> ((MosaicException) e).exitCode())
        .isEqualTo(77);
    assertThatThrownBy(() -> PlanAttestation.verify(json, planBytes, List.of()))
        .extracting(PlanAttestationTest::code)
        .isEqualTo(SignatureCodes.ENVELOPE_NOT_TRUSTED);
  }

  @Test
  void signatureOrderDoesNotMatterAndTheKeyIdIsOnlyAHint() {
    DsseEnvelope good = signed();
    List<DsseSignature> reversed = new ArrayList<>(good.signatures().reversed());
    List<DsseSignature> relabelled =
        good.signatures().stream().map(s -> new DsseSignature("made-up", s.sig())).toList();

    assertThat(
            PlanAttestation.verify(
                    good.withSignatures(reversed), planBytes, List.of(ecPub, edPub), 2)
                .keyIds())
        .containsExactlyInAnyOrder(Keys.keyId(ecPub), Keys.keyId(edPub));
    assertThat(
            PlanAttestation.verify(good.withSignatures(relabelled), planBytes, List.of(edPub), 1)
                .keyIds())
        .containsExactly(Keys.keyId(edPub));
  }

  @Test
  void aModifiedSignatureNoLongerCounts() {
    DsseEnvelope good = signed();
    byte[] broken = good.signatures().get(1).sig();
    broken[10] ^= 0x40;
    DsseEnvelope modified =
        good.withSignatures(
            List.of(
                good.signatures().get(0),
                new DsseSignature(good.signatures().get(1).keyid(), broken)));

    assertThat(PlanAttestation.verify(modified, planBytes, List.of(ecPub, edPub), 1).keyIds())
        .containsExactly(Keys.keyId(ecPub));
    assertThatThrownBy(() -> PlanAttestation.verify(modified, planBytes, List.of(ecPub, edPub), 2))
        .hasMessage(
            "error[E4121]: signed plan has 1 valid signature(s) by trusted keys, 2 required");
  }

  @Test
  void theSameKeySigningTwiceCountsOnce() {
    DsseEnvelope good = signed();
    DsseSignature first = good.signatures().getFirst();

    assertThatThrownBy(
            () ->
                PlanAttestation.verify(
                    good.withSignatures(List.of(first, first)),
                    planBytes,
                    List.of(ecPub, edPub),
                    2))
        .extracting(PlanAttestationTest::code)
        .isEqualTo(SignatureCodes.ENVELOPE_NOT_TRUSTED);
  }

  @Test
  void rejectsAnEnvelopeForAnotherPlan() {
    byte[] json = signed().toJson();
    byte[] otherPlan = plan("other-tenant");

    assertThatThrownBy(() -> PlanAttestation.verify(json, otherPlan, List.of(ecPub)))
        .isInstanceOf(MosaicException.class)
        .hasMessageStartingWith(
            "error[E4122]: signed plan is about `hello.plan.cbor` with digest sha256:");
  }

  @Test
  void rejectsMalformedEnvelopes() {
    for (String bad :
        new String[] {
          "not json",
          "[]",
          "{\"payloadType\":\"application/vnd.in-toto+json\",\"signatures\":[]}",
          "{\"payload\":\"***\",\"payloadType\":\"x\",\"signatures\":[]}",
          "{\"payload\":\"e30=\",\"payloadType\":\"x\",\"signatures\":{}}",
          "{\"payload\":\"e30=\",\"payload\":\"e30=\",\"payloadType\":\"x\",\"signatures\":[]}"
        }) {
      assertThatThrownBy(() -> PlanAttestation.verify(bad.getBytes(), planBytes, List.of(ecPub)))
          .as(bad)
          .extracting(PlanAttestationTest::code)
          .isEqualTo(SignatureCodes.MALFORMED_ENVELOPE);
    }
  }

  @Test
  void aSignedStatementOfAnotherKindIsRejectedAfterTheSignatureCheck() {
    byte[] payload =
        "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[],\"predicateType\":\"https://slsa.dev/provenance/v1\",\"predicate\":{}}"
            .getBytes(StandardCharsets.UTF_8);
    byte[] sig = ec.sign(Dsse.pae(Dsse.IN_TOTO_PAYLOAD_TYPE, payload));
    DsseEnvelope other =
        new DsseEnvelope(
            Dsse.IN_TOTO_PAYLOAD_TYPE, payload, List.of(new DsseSignature(ec.keyId(), sig)));

    assertThatThrownBy(() -> PlanAttestation.verify(other, planBytes, List.of(ecPub), 1))
        .hasMessageContaining("predicate type `https://slsa.dev/provenance/v1`")
        .extracting(PlanAttestationTest::code)
        .isEqualTo(SignatureCodes.MALFORMED_ENVELOPE);
  }

  @Test
  void acceptsUrlSafeBase64AsTheSpecAllows() {
    DsseEnvelope good = signed();
    String json =
        "{\"payload\":\""
            + Base64.getUrlEncoder().withoutPadding().encodeToString(good.payload())
            + "\",\"payloadType\":\"application/vnd.in-toto+json\",\"signatures\":[{\"sig\":\""
            + Base64.getUrlEncoder().encodeToString(good.signatures().get(1).sig())
            + "\"}]}";

    assertThat(PlanAttestation.verify(json.getBytes(), planBytes, List.of(edPub)).keyIds())
        .containsExactly(Keys.keyId(edPub));
  }

  @Test
  void signsWithAnyJavaSecurityKeyAndProvider() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", "SunEC");
    generator.initialize(256);
    KeyPair pair = generator.generateKeyPair();
    PlanSigner signer =
        KeySigner.of(pair.getPrivate(), pair.getPublic(), Security.getProvider("SunEC"));

    DsseEnvelope envelope = PlanAttestation.sign("p.cbor", planBytes, "0.1.0", signer);

    assertThat(envelope.signatures().getFirst().keyid()).isEqualTo(Keys.keyId(pair.getPublic()));
    assertThat(
            PlanAttestation.verify(envelope.toJson(), planBytes, List.of(pair.getPublic()))
                .keyIds())
        .containsExactly(Keys.keyId(pair.getPublic()));
  }

  @Test
  void aSignerDerivesItsKeyIdFromThePrivateKeyFile() {
    assertThat(ec.keyId()).isEqualTo(Keys.keyId(ecPub));
    assertThat(ed.keyId()).isEqualTo(Keys.keyId(edPub));
    assertThat(KeySigner.fromPemFile(dir.resolve("other.key")).keyId())
        .isEqualTo(Keys.keyId(otherPub));
  }

  @Test
  void rejectsEncryptedAndMalformedSigningKeys() {
    tools.run(
        "openssl",
        "pkcs8",
        "-topk8",
        "-v2",
        "aes-256-cbc",
        "-passout",
        "pass:secret",
        "-in",
        "ec.key",
        "-out",
        "encrypted.key");

    assertThatThrownBy(() -> KeySigner.fromPemFile(dir.resolve("encrypted.key")))
        .hasMessageContaining("is encrypted")
        .extracting(PlanAttestationTest::code)
        .isEqualTo(SignatureCodes.MALFORMED_KEY);
    assertThatThrownBy(() -> KeySigner.fromPemFile(dir.resolve("ec.pub")))
        .extracting(PlanAttestationTest::code)
        .isEqualTo(SignatureCodes.MALFORMED_KEY);
  }

  @Test
  void provenanceOfBytesThatAreNotAPlanIsASchemaError() {
    assertThatThrownBy(() -> PlanProvenance.of("x.cbor", "nope".getBytes(), "0.1.0"))
        .extracting(PlanAttestationTest::code)
        .asString()
        .startsWith("E3");
  }

  @Test
  void damagedEnvelopesAreRejectedWithCodes() {
    int rejected =
        Mutations.assertOnlyCodedErrors(
            signed().toJson(),
            400,
            "E41",
            json -> PlanAttestation.verify(json, planBytes, List.of(ecPub, edPub)));

    assertThat(rejected).isGreaterThan(300);
  }
}
