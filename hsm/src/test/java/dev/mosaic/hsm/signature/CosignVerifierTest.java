package dev.mosaic.hsm.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.plan.MosaicException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signatures made with openssl the way {@code cosign sign-blob --key} makes them. */
class CosignVerifierTest {
  @TempDir static Path dir;
  static Tools tools;
  static byte[] blob;

  private final CosignVerifier verifier = new CosignVerifier();

  @BeforeAll
  static void makeVectors() {
    tools = new Tools(dir);
    blob = "\0asm\1\0\0\0 component bytes".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    tools.write("blob.wasm", blob);
    for (String name : new String[] {"alice", "mallory"}) {
      tools.run(
          "openssl", "ecparam", "-genkey", "-name", "prime256v1", "-noout", "-out", name + ".key");
      tools.run("openssl", "ec", "-in", name + ".key", "-pubout", "-out", name + ".pub");
      tools.run(
          "openssl",
          "ec",
          "-in",
          name + ".key",
          "-pubout",
          "-outform",
          "DER",
          "-out",
          name + ".pub.der");
      tools.run(
          "openssl",
          "dgst",
          "-sha256",
          "-sign",
          name + ".key",
          "-out",
          name + ".sig.der",
          "blob.wasm");
      tools.run("openssl", "base64", "-A", "-in", name + ".sig.der", "-out", name + ".sig");
    }
    tools.run(
        "openssl",
        "genpkey",
        "-algorithm",
        "RSA",
        "-pkeyopt",
        "rsa_keygen_bits:2048",
        "-out",
        "rsa.key");
    tools.run("openssl", "pkey", "-in", "rsa.key", "-pubout", "-out", "rsa.pub");
    tools.run("openssl", "dgst", "-sha256", "-sign", "rsa.key", "-out", "rsa.sig.der", "blob.wasm");
    tools.run("openssl", "base64", "-A", "-in", "rsa.sig.der", "-out", "rsa.sig");
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
        "ed.sig.der");
    tools.run("openssl", "base64", "-A", "-in", "ed.sig.der", "-out", "ed.sig");
  }

  private static TrustAnchors trusting(String... keys) {
    TrustAnchors.Builder b = TrustAnchors.builder();
    for (String k : keys) {
      b.publicKeyFile(dir.resolve(k));
    }
    return b.build();
  }

  @Test
  void acceptsAnOpensslMadeEcdsaP256SignatureAndNamesTheKey() throws Exception {
    VerificationResult result =
        verifier.verify(blob, tools.read("alice.sig"), trusting("alice.pub"));

    String expectedId =
        "sha256:"
            + HexFormat.of()
                .formatHex(
                    MessageDigest.getInstance("SHA-256").digest(tools.read("alice.pub.der")));
    assertThat(result.verifier()).isEqualTo("cosign");
    assertThat(result.keyId()).isEqualTo(expectedId);
    assertThat(result.signer()).isEqualTo(expectedId);
  }

  @Test
  void findsTheSigningKeyAmongSeveralTrustedKeys() {
    VerificationResult result =
        verifier.verify(
            blob, tools.read("alice.sig"), trusting("mallory.pub", "rsa.pub", "alice.pub"));

    assertThat(result.keyId())
        .isEqualTo(Keys.keyId(Keys.readPublicKey(tools.read("alice.pub"), "a")));
  }

  @Test
  void acceptsImportedRsaAndEd25519Keys() {
    assertThat(verifier.verify(blob, tools.read("rsa.sig"), trusting("rsa.pub")).verifier())
        .isEqualTo("cosign");
    assertThat(verifier.verify(blob, tools.read("ed.sig"), trusting("ed.pub")).verifier())
        .isEqualTo("cosign");
  }

  @Test
  void acceptsTrailingNewlineInTheSignatureFile() {
    byte[] withNewline = (new String(tools.read("alice.sig")) + "\n").getBytes();
    assertThat(verifier.verify(blob, withNewline, trusting("alice.pub")).verifier())
        .isEqualTo("cosign");
  }

  @Test
  void rejectsATamperedBlob() {
    byte[] tampered = blob.clone();
    tampered[tampered.length - 1] ^= 1;

    assertThatThrownBy(
            () -> verifier.verify(tampered, tools.read("alice.sig"), trusting("alice.pub")))
        .isInstanceOf(MosaicException.class)
        .extracting(e -> ((MosaicException) e).code())
        .isEqualTo(SignatureCodes.BAD_SIGNATURE);
  }

  @Test
  void rejectsASignatureByAKeyThatIsNotTrusted() {
    assertThatThrownBy(
            () -> verifier.verify(blob, tools.read("mallory.sig"), trusting("alice.pub")))
        .isInstanceOf(MosaicException.class)
        .hasMessageContaining("does not verify with any of 1 trusted public key")
        .extracting(e -> ((MosaicException) e).exitCode())
        .isEqualTo(77);
  }

  @Test
  void rejectsWhenNoKeyIsTrusted() {
    assertThatThrownBy(() -> verifier.verify(blob, tools.read("alice.sig"), TrustAnchors.none()))
        .extracting(e -> ((MosaicException) e).code())
        .isEqualTo(SignatureCodes.UNTRUSTED_KEY);
  }

  @Test
  void rejectsASignatureThatIsNotBase64() {
    assertThatThrownBy(() -> verifier.verify(blob, "not*base64!".getBytes(), trusting("alice.pub")))
        .isInstanceOf(MosaicException.class)
        .hasMessage("error[E4116]: malformed cosign signature: signature is not base64");
    assertThatThrownBy(() -> verifier.verify(blob, new byte[0], trusting("alice.pub")))
        .extracting(e -> ((MosaicException) e).code())
        .isEqualTo(SignatureCodes.MALFORMED_SIGNATURE);
  }

  @Test
  void rejectsAMalformedPublicKeyFile() {
    tools.write("broken.pub", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n");

    assertThatThrownBy(() -> trusting("broken.pub"))
        .isInstanceOf(MosaicException.class)
        .extracting(e -> ((MosaicException) e).code())
        .isEqualTo(SignatureCodes.MALFORMED_KEY);
    assertThatThrownBy(() -> trusting("alice.sig"))
        .extracting(e -> ((MosaicException) e).code())
        .isEqualTo(SignatureCodes.MALFORMED_KEY);
  }

  @Test
  void damagedSignaturesAreRejectedWithCodes() {
    int rejected =
        Mutations.assertOnlyCodedErrors(
            tools.read("alice.sig"),
            400,
            "E41",
            sig -> verifier.verify(blob, sig, trusting("alice.pub")));

    assertThat(rejected).isGreaterThan(350);
  }

  @Test
  void skipsTrustedKeysOfTypesItCannotUse() throws Exception {
    java.security.PublicKey ed448 =
        java.security.KeyPairGenerator.getInstance("Ed448").generateKeyPair().getPublic();
    java.security.PublicKey dsa =
        java.security.KeyPairGenerator.getInstance("DSA").generateKeyPair().getPublic();
    TrustAnchors mixed =
        TrustAnchors.builder()
            .publicKey(ed448)
            .publicKey(dsa)
            .publicKeyFile(dir.resolve("alice.pub"))
            .build();
    TrustAnchors unusable = TrustAnchors.builder().publicKey(ed448).publicKey(dsa).build();

    assertThat(verifier.verify(blob, tools.read("alice.sig"), mixed).verifier())
        .isEqualTo("cosign");
    assertThatThrownBy(() -> verifier.verify(blob, tools.read("alice.sig"), unusable))
        .extracting(e -> ((MosaicException) e).code())
        .isEqualTo(SignatureCodes.BAD_SIGNATURE);
  }
}
