package dev.mosaic.hsm.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.plan.MosaicException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry: built-ins, ServiceLoader plugins, and the policy-facing {@code require}. */
class VerifiersTest {
  @TempDir static Path dir;
  static Tools tools;
  static byte[] blob = "\0asm\1\0\0\0 plugin".getBytes(StandardCharsets.ISO_8859_1);

  @BeforeAll
  static void makeVectors() {
    tools = new Tools(dir);
    tools.write("blob.wasm", blob);
    tools.run("openssl", "genpkey", "-algorithm", "ed25519", "-out", "ed.key");
    tools.run("openssl", "pkey", "-in", "ed.key", "-pubout", "-out", "ed.pub");
    tools.run(
        "openssl",
        "pkeyutl",
        "-sign",
        "-rawin",
        "-inkey",
        "ed.key",
        "-in",
        "blob.wasm",
        "-out",
        "blob.sig");
    tools.run("openssl", "ecparam", "-genkey", "-name", "prime256v1", "-noout", "-out", "ec.key");
    tools.run("openssl", "ec", "-in", "ec.key", "-pubout", "-out", "ec.pub");
    tools.run("openssl", "dgst", "-sha256", "-sign", "ec.key", "-out", "ec.der", "blob.wasm");
    tools.run("openssl", "base64", "-A", "-in", "ec.der", "-out", "blob.cosign");
  }

  private static TrustAnchors anchors() {
    return TrustAnchors.builder()
        .material("ed25519-raw", tools.read("ed.pub"))
        .publicKeyFile(dir.resolve("ec.pub"))
        .build();
  }

  private static String code(Throwable e) {
    return ((MosaicException) e).code();
  }

  @Test
  void loadsTheBuiltInsAndThePluginFromServiceLoader() {
    Verifiers verifiers = Verifiers.load();

    assertThat(verifiers.names()).containsExactly("cosign", "ed25519-raw", "pgp", "x509");
    assertThat(verifiers.get("ed25519-raw")).isInstanceOf(ExampleEd25519Verifier.class);
  }

  @Test
  void thePluginVerifiesAnOpensslEd25519Signature() {
    VerificationResult result =
        Verifiers.load().verify("ed25519-raw", blob, tools.read("blob.sig"), anchors());

    assertThat(result.verifier()).isEqualTo("ed25519-raw");
    assertThat(result.keyId())
        .isEqualTo(Keys.keyId(Keys.readPublicKey(tools.read("ed.pub"), "ed.pub")));
    byte[] other = "another blob".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(
            () -> Verifiers.load().verify("ed25519-raw", other, tools.read("blob.sig"), anchors()))
        .extracting(VerifiersTest::code)
        .isEqualTo(SignatureCodes.BAD_SIGNATURE);
  }

  @Test
  void anUnknownVerifierNameIsAnError() {
    assertThatThrownBy(() -> Verifiers.load().get("sigstore"))
        .isInstanceOf(MosaicException.class)
        .hasMessage("error[E4115]: unknown signature verifier `sigstore`")
        .extracting(e -> ((MosaicException) e).diagnostics().getFirst().help())
        .asString()
        .contains("cosign, ed25519-raw, pgp, x509");
  }

  @Test
  void aPluginCannotTakeTheNameOfABuiltIn() {
    ComponentSignatureVerifier impostor =
        new ComponentSignatureVerifier() {
          @Override
          public String name() {
            return "cosign";
          }

          @Override
          public VerificationResult verify(byte[] b, byte[] s, TrustAnchors a) {
            return new VerificationResult("cosign", "anyone", "none");
          }
        };
    List<ComponentSignatureVerifier> all = new java.util.ArrayList<>(Verifiers.builtIns());
    all.add(impostor);

    assertThatThrownBy(() -> Verifiers.of(all))
        .extracting(VerifiersTest::code)
        .isEqualTo(SignatureCodes.DUPLICATE_VERIFIER);
  }

  @Test
  void requireRejectsAMissingSignature() {
    assertThatThrownBy(
            () -> Verifiers.load().require("greeter", blob, null, Set.of("cosign"), anchors()))
        .isInstanceOf(MosaicException.class)
        .hasMessage("error[E4110]: component `greeter` is not signed")
        .extracting(e -> ((MosaicException) e).exitCode())
        .isEqualTo(77);
  }

  @Test
  void requireRejectsAVerifierThePolicyDoesNotAllow() {
    DetachedSignature pluginSig = new DetachedSignature("ed25519-raw", tools.read("blob.sig"));

    assertThatThrownBy(
            () ->
                Verifiers.load()
                    .require("greeter", blob, pluginSig, Set.of("cosign", "pgp"), anchors()))
        .hasMessage(
            "error[E4118]: component `greeter` is signed with `ed25519-raw`, which the policy does"
                + " not allow");
  }

  @Test
  void requireAcceptsAnAllowedValidSignatureAndNamesTheComponentOnFailure() {
    DetachedSignature cosign = new DetachedSignature("cosign", tools.read("blob.cosign"));

    assertThat(
            Verifiers.load()
                .require("greeter", blob, cosign, Set.of("cosign"), anchors())
                .verifier())
        .isEqualTo("cosign");
    assertThat(Verifiers.load().require("greeter", blob, cosign, Set.of(), anchors()).verifier())
        .isEqualTo("cosign");
    byte[] tampered = "\0asm tampered".getBytes(StandardCharsets.ISO_8859_1);
    assertThatThrownBy(
            () ->
                Verifiers.load().require("greeter", tampered, cosign, Set.of("cosign"), anchors()))
        .hasMessageStartingWith(
            "error[E4111]: component `greeter`: cosign signature does not verify");
  }
}
