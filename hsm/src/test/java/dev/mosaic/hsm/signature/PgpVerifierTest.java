package dev.mosaic.hsm.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.plan.MosaicException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.bouncycastle.bcpg.BCPGOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.jcajce.JcaKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcePBESecretKeyDecryptorBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Detached signatures made by gpg in a throw-away GNUPGHOME. */
class PgpVerifierTest {
  @TempDir static Path dir;
  static Tools tools;
  static byte[] blob;
  static String aliceFingerprint;
  static String carolSubkey;

  private final PgpVerifier verifier = new PgpVerifier();

  @BeforeAll
  static void makeVectors() throws Exception {
    Path home = Files.createDirectory(dir.resolve("gnupg"));
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
    tools = new Tools(dir).env("GNUPGHOME", home.toString());
    blob = "\0asm\1\0\0\0 pgp-signed component".getBytes(StandardCharsets.ISO_8859_1);
    tools.write("blob.wasm", blob);

    gpg("--quick-gen-key", "Alice <alice@example.org>", "ed25519", "cert,sign", "never");
    gpg("--quick-gen-key", "Bob <bob@example.org>", "ed25519", "cert,sign", "never");
    gpg("--quick-gen-key", "Dave <dave@example.org>", "ed25519", "cert,sign", "1d");
    // Carol signs with a subkey; her primary key only certifies.
    gpg("--quick-gen-key", "Carol <carol@example.org>", "ed25519", "cert", "never");
    String carol = fingerprints("carol@example.org")[0];
    gpg("--quick-add-key", carol, "ed25519", "sign", "never");
    gpg("--quick-add-key", carol, "ed25519", "auth", "never");
    carolSubkey = fingerprints("carol@example.org")[2];
    aliceFingerprint = fingerprints("alice@example.org")[0];

    gpg("-u", "alice@example.org", "--detach-sign", "-o", "alice.sig", "blob.wasm");
    gpg("-u", "alice@example.org", "--detach-sign", "--armor", "-o", "alice.asc", "blob.wasm");
    gpg(
        "-u",
        "alice@example.org",
        "--detach-sign",
        "--textmode",
        "-o",
        "alice-text.sig",
        "blob.wasm");
    gpg("-u", "bob@example.org", "--detach-sign", "-o", "bob.sig", "blob.wasm");
    gpg("-u", "carol@example.org", "--detach-sign", "-o", "carol.sig", "blob.wasm");
    gpg("-u", "dave@example.org", "--detach-sign", "-o", "dave.sig", "blob.wasm");
    gpg("--armor", "--export", "-o", "alice.asc.pub", "alice@example.org");
    gpg("--export", "-o", "alice.gpg", "alice@example.org");
    gpg("--armor", "--export", "-o", "carol.asc.pub", "carol@example.org");
    gpg("--armor", "--export", "-o", "dave.asc.pub", "dave@example.org");
    gpg("--export-secret-keys", "-o", "carol.sec", "carol@example.org");
  }

  @AfterAll
  static void stopAgent() {
    tools.run("gpgconf", "--kill", "gpg-agent");
  }

  private static void gpg(String... args) {
    String[] command = new String[args.length + 6];
    System.arraycopy(
        new String[] {"gpg", "--batch", "--no-tty", "--pinentry-mode", "loopback", "--passphrase="},
        0,
        command,
        0,
        6);
    System.arraycopy(args, 0, command, 6, args.length);
    tools.run(command);
  }

  /** Fingerprints of the primary key and its subkeys, in gpg's order. */
  private static String[] fingerprints(String user) {
    return tools
        .run("gpg", "--batch", "--with-colons", "--list-keys", user)
        .lines()
        .filter(l -> l.startsWith("fpr:"))
        .map(l -> l.split(":")[9])
        .toArray(String[]::new);
  }

  private static TrustAnchors trusting(String... files) {
    TrustAnchors.Builder b = TrustAnchors.builder();
    for (String f : files) {
      b.pgpKeyFile(dir.resolve(f));
    }
    return b.build();
  }

  private static String code(Throwable e) {
    return ((MosaicException) e).code();
  }

  @Test
  void acceptsBinaryAndArmoredSignaturesAndNamesTheSigner() {
    for (String sig : new String[] {"alice.sig", "alice.asc"}) {
      VerificationResult result = verifier.verify(blob, tools.read(sig), trusting("alice.asc.pub"));

      assertThat(result.verifier()).isEqualTo("pgp");
      assertThat(result.signer()).isEqualTo("Alice <alice@example.org>");
      assertThat(result.keyId()).isEqualTo(aliceFingerprint);
    }
  }

  @Test
  void readsBinaryKeyExportsAndSeveralKeyFiles() {
    VerificationResult result =
        verifier.verify(blob, tools.read("alice.sig"), trusting("carol.asc.pub", "alice.gpg"));

    assertThat(result.keyId()).isEqualTo(aliceFingerprint);
  }

  @Test
  void acceptsASignatureBySigningSubkeyAndNamesThePrimaryUser() {
    VerificationResult result =
        verifier.verify(blob, tools.read("carol.sig"), trusting("carol.asc.pub"));

    assertThat(result.signer()).isEqualTo("Carol <carol@example.org>");
    assertThat(result.keyId()).isNotEqualTo(fingerprints("carol@example.org")[0]);
    assertThat(result.keyId()).isEqualTo(fingerprints("carol@example.org")[1]);
  }

  @Test
  void rejectsATamperedBlob() {
    byte[] tampered = Arrays.copyOf(blob, blob.length + 1);

    assertThatThrownBy(
            () -> verifier.verify(tampered, tools.read("alice.sig"), trusting("alice.asc.pub")))
        .isInstanceOf(MosaicException.class)
        .hasMessage(
            "error[E4111]: pgp signature by " + aliceFingerprint + " does not match the blob");
  }

  @Test
  void rejectsAKeyThatIsNotTrusted() {
    assertThatThrownBy(
            () -> verifier.verify(blob, tools.read("bob.sig"), trusting("alice.asc.pub")))
        .isInstanceOf(MosaicException.class)
        .hasMessageContaining("which is not trusted")
        .extracting(PgpVerifierTest::code)
        .isEqualTo(SignatureCodes.UNTRUSTED_KEY);
  }

  @Test
  void rejectsAKeyThatExpiredBeforeTheCheck() {
    TrustAnchors now = trusting("dave.asc.pub");
    assertThat(verifier.verify(blob, tools.read("dave.sig"), now).signer()).contains("Dave");

    TrustAnchors twoDaysLater =
        TrustAnchors.builder()
            .pgpKeyFile(dir.resolve("dave.asc.pub"))
            .clock(Clock.offset(Clock.system(ZoneOffset.UTC), Duration.ofDays(2)))
            .build();
    assertThatThrownBy(() -> verifier.verify(blob, tools.read("dave.sig"), twoDaysLater))
        .hasMessageContaining("expired at")
        .extracting(PgpVerifierTest::code)
        .isEqualTo(SignatureCodes.EXPIRED);
  }

  @Test
  void rejectsASignatureByAKeyWithoutTheSignFlag() throws Exception {
    // gpg refuses to sign with an authentication subkey, so sign with its exported secret here.
    PGPSecretKeyRingCollection secrets =
        new PGPSecretKeyRingCollection(
            PGPUtil.getDecoderStream(new ByteArrayInputStream(tools.read("carol.sec"))),
            new JcaKeyFingerprintCalculator());
    PGPSecretKey auth =
        secrets.getSecretKey(new java.math.BigInteger(carolSubkey.substring(24), 16).longValue());
    PGPPrivateKey key =
        auth.extractPrivateKey(new JcePBESecretKeyDecryptorBuilder().build(new char[0]));
    PGPSignatureGenerator generator =
        new PGPSignatureGenerator(
            new JcaPGPContentSignerBuilder(
                auth.getPublicKey().getAlgorithm(), HashAlgorithmTags.SHA256),
            auth.getPublicKey());
    generator.init(PGPSignature.BINARY_DOCUMENT, key);
    generator.update(blob);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    generator.generate().encode(new BCPGOutputStream(out));

    assertThatThrownBy(() -> verifier.verify(blob, out.toByteArray(), trusting("carol.asc.pub")))
        .hasMessage("error[E4114]: pgp key " + carolSubkey + " is not allowed to sign data");
  }

  @Test
  void rejectsTextModeSignatures() {
    assertThatThrownBy(
            () -> verifier.verify(blob, tools.read("alice-text.sig"), trusting("alice.asc.pub")))
        .hasMessageContaining("expected a binary document signature")
        .extracting(PgpVerifierTest::code)
        .isEqualTo(SignatureCodes.MALFORMED_SIGNATURE);
  }

  @Test
  void rejectsSomethingThatIsNotASignature() {
    assertThatThrownBy(() -> verifier.verify(blob, blob, trusting("alice.asc.pub")))
        .extracting(PgpVerifierTest::code)
        .isEqualTo(SignatureCodes.MALFORMED_SIGNATURE);
    assertThatThrownBy(
            () -> verifier.verify(blob, tools.read("alice.asc.pub"), trusting("alice.asc.pub")))
        .extracting(PgpVerifierTest::code)
        .isEqualTo(SignatureCodes.MALFORMED_SIGNATURE);
  }

  @Test
  void rejectsAKeyFileThatIsNotAKey() {
    assertThatThrownBy(() -> trusting("alice.sig"))
        .extracting(PgpVerifierTest::code)
        .isEqualTo(SignatureCodes.MALFORMED_KEY);
  }

  @Test
  void damagedSignaturesAreRejectedWithCodes() {
    TrustAnchors alice = trusting("alice.asc.pub");
    for (String sig : new String[] {"alice.sig", "alice.asc"}) {
      int rejected =
          Mutations.assertOnlyCodedErrors(
              tools.read(sig), 400, "E41", s -> verifier.verify(blob, s, alice));

      assertThat(rejected).as(sig).isGreaterThan(300);
    }
  }
}
