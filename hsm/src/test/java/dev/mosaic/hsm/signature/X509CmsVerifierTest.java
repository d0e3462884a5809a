package dev.mosaic.hsm.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.plan.MosaicException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Detached CMS signatures and a small PKI made with openssl. */
class X509CmsVerifierTest {
  @TempDir static Path dir;
  static Tools tools;
  static byte[] blob;

  private final X509CmsVerifier verifier = new X509CmsVerifier();

  @BeforeAll
  static void makePkiAndSignatures() {
    tools = new Tools(dir);
    blob = "\0asm\1\0\0\0 x509-signed component".getBytes(StandardCharsets.ISO_8859_1);
    tools.write("blob.wasm", blob);
    tools.write(
        "ext.cnf",
        """
        [ signer ]
        basicConstraints = CA:false
        keyUsage = critical,digitalSignature
        extendedKeyUsage = codeSigning
        [ encipher ]
        keyUsage = critical,keyAgreement
        [ server ]
        keyUsage = critical,digitalSignature
        extendedKeyUsage = serverAuth
        [ intermediate ]
        basicConstraints = critical,CA:true
        keyUsage = critical,keyCertSign
        """);
    tools.write(
        "ca.cnf",
        """
        [ ca ]
        default_ca = test
        [ test ]
        database = index.txt
        new_certs_dir = .
        serial = serial
        default_md = sha256
        policy = any
        unique_subject = no
        [ any ]
        commonName = supplied
        [ signer ]
        keyUsage = critical,digitalSignature
        extendedKeyUsage = codeSigning
        """);
    tools.write("index.txt", "");
    tools.write("serial", "1000\n");
    root("root");
    root("other-root");
    leaf("signer", "root", "signer");
    leaf("encipher", "root", "encipher");
    leaf("server", "root", "server");
    leaf("intermediate", "root", "intermediate");
    leaf("deep", "intermediate", "signer");
    leaf("stranger", "other-root", "signer");
    tools.run(
        "openssl",
        "ca",
        "-batch",
        "-config",
        "ca.cnf",
        "-cert",
        "root.pem",
        "-keyfile",
        "root.key",
        "-in",
        "signer.csr",
        "-out",
        "expired.pem",
        "-startdate",
        "20200101000000Z",
        "-enddate",
        "20210101000000Z",
        "-extensions",
        "signer",
        "-notext");

    sign("signer", "signer.p7s");
    sign("signer", "signer.p7s.der", "-outform", "DER");
    sign("encipher", "encipher.p7s");
    sign("server", "server.p7s");
    sign("deep", "deep.p7s", "-certfile", "intermediate.pem");
    sign("deep", "deep-alone.p7s");
    sign("stranger", "stranger.p7s");
    tools.run(
        "openssl",
        "cms",
        "-sign",
        "-binary",
        "-in",
        "blob.wasm",
        "-signer",
        "expired.pem",
        "-inkey",
        "signer.key",
        "-outform",
        "PEM",
        "-out",
        "expired.p7s");
    tools.run(
        "openssl",
        "smime",
        "-sign",
        "-binary",
        "-in",
        "blob.wasm",
        "-signer",
        "signer.pem",
        "-inkey",
        "signer.key",
        "-outform",
        "DER",
        "-out",
        "smime.p7s");
  }

  private static void root(String name) {
    tools.run(
        "openssl",
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-keyout",
        name + ".key",
        "-out",
        name + ".pem",
        "-days",
        "30",
        "-subj",
        "/CN=Mosaic Test " + name,
        "-addext",
        "basicConstraints=critical,CA:true",
        "-addext",
        "keyUsage=critical,keyCertSign,cRLSign");
  }

  private static void leaf(String name, String issuer, String extensions) {
    tools.run(
        "openssl",
        "req",
        "-new",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-keyout",
        name + ".key",
        "-out",
        name + ".csr",
        "-subj",
        "/O=Mosaic/CN=" + name);
    tools.run(
        "openssl",
        "x509",
        "-req",
        "-in",
        name + ".csr",
        "-CA",
        issuer + ".pem",
        "-CAkey",
        issuer + ".key",
        "-CAcreateserial",
        "-days",
        "10",
        "-extfile",
        "ext.cnf",
        "-extensions",
        extensions,
        "-out",
        name + ".pem");
  }

  private static void sign(String signer, String out, String... extra) {
    String[] base = {
      "openssl",
      "cms",
      "-sign",
      "-binary",
      "-in",
      "blob.wasm",
      "-signer",
      signer + ".pem",
      "-inkey",
      signer + ".key",
      "-out",
      out,
      "-outform",
      "PEM"
    };
    String[] command = java.util.Arrays.copyOf(base, base.length + extra.length);
    System.arraycopy(extra, 0, command, base.length, extra.length);
    tools.run(command);
  }

  private static TrustAnchors trusting(String... roots) {
    TrustAnchors.Builder b = TrustAnchors.builder();
    for (String r : roots) {
      b.certificateFile(dir.resolve(r));
    }
    return b.build();
  }

  private static String code(Throwable e) {
    return ((MosaicException) e).code();
  }

  @Test
  void acceptsPemAndDerCmsAndSmimeSignaturesChainingToTheRoot() {
    for (String sig : new String[] {"signer.p7s", "signer.p7s.der", "smime.p7s"}) {
      VerificationResult result = verifier.verify(blob, tools.read(sig), trusting("root.pem"));

      assertThat(result.verifier()).isEqualTo("x509");
      assertThat(result.signer()).isEqualTo("CN=signer,O=Mosaic");
      assertThat(result.keyId()).startsWith("sha256:").hasSize(71);
    }
  }

  @Test
  void followsIntermediatesCarriedInTheSignature() {
    assertThat(verifier.verify(blob, tools.read("deep.p7s"), trusting("root.pem")).signer())
        .isEqualTo("CN=deep,O=Mosaic");
    assertThatThrownBy(
            () -> verifier.verify(blob, tools.read("deep-alone.p7s"), trusting("root.pem")))
        .hasMessageContaining("does not chain to a trusted root")
        .extracting(X509CmsVerifierTest::code)
        .isEqualTo(SignatureCodes.UNTRUSTED_KEY);
  }

  @Test
  void rejectsATamperedBlob() {
    byte[] tampered = blob.clone();
    tampered[0] = 1;

    assertThatThrownBy(
            () -> verifier.verify(tampered, tools.read("signer.p7s"), trusting("root.pem")))
        .isInstanceOf(MosaicException.class)
        .hasMessage("error[E4111]: cms signature by `CN=signer,O=Mosaic` does not match the blob");
  }

  @Test
  void rejectsACertificateFromAnUntrustedRoot() {
    assertThatThrownBy(
            () -> verifier.verify(blob, tools.read("stranger.p7s"), trusting("root.pem")))
        .extracting(X509CmsVerifierTest::code)
        .isEqualTo(SignatureCodes.UNTRUSTED_KEY);
    assertThatThrownBy(
            () -> verifier.verify(blob, tools.read("signer.p7s"), trusting("other-root.pem")))
        .extracting(e -> ((MosaicException) e).exitCode())
        .isEqualTo(77);
    assertThatThrownBy(() -> verifier.verify(blob, tools.read("signer.p7s"), TrustAnchors.none()))
        .hasMessageContaining("no X.509 trust anchor is configured");
  }

  @Test
  void rejectsAnExpiredSigningCertificate() {
    assertThatThrownBy(() -> verifier.verify(blob, tools.read("expired.p7s"), trusting("root.pem")))
        .isInstanceOf(MosaicException.class)
        .hasMessage("error[E4113]: certificate `CN=signer` expired at 2021-01-01T00:00:00Z");
  }

  @Test
  void rejectsWhenTheRootHasExpiredAtTheTimeOfChecking() {
    Instant inForty = Instant.now().plusSeconds(40L * 24 * 3600);
    Instant inFive = Instant.now().plusSeconds(5L * 24 * 3600);
    TrustAnchors later =
        TrustAnchors.builder()
            .certificateFile(dir.resolve("root.pem"))
            .clock(Clock.fixed(inForty, ZoneOffset.UTC))
            .build();
    TrustAnchors soon =
        TrustAnchors.builder()
            .certificateFile(dir.resolve("root.pem"))
            .clock(Clock.fixed(inFive, ZoneOffset.UTC))
            .build();

    assertThat(verifier.verify(blob, tools.read("signer.p7s"), soon).signer())
        .isEqualTo("CN=signer,O=Mosaic");
    assertThatThrownBy(() -> verifier.verify(blob, tools.read("signer.p7s"), later))
        .extracting(X509CmsVerifierTest::code)
        .isEqualTo(SignatureCodes.EXPIRED);
  }

  @Test
  void rejectsCertificatesWhoseUsageIsNotSigning() {
    assertThatThrownBy(
            () -> verifier.verify(blob, tools.read("encipher.p7s"), trusting("root.pem")))
        .hasMessage(
            "error[E4114]: certificate `CN=encipher,O=Mosaic` key usage does not include"
                + " `digitalSignature`");
    assertThatThrownBy(() -> verifier.verify(blob, tools.read("server.p7s"), trusting("root.pem")))
        .hasMessage(
            "error[E4114]: certificate `CN=server,O=Mosaic` extended key usage does not include"
                + " `codeSigning`");
  }

  @Test
  void rejectsSomethingThatIsNotACmsSignature() {
    assertThatThrownBy(() -> verifier.verify(blob, blob, trusting("root.pem")))
        .extracting(X509CmsVerifierTest::code)
        .isEqualTo(SignatureCodes.MALFORMED_SIGNATURE);
    assertThatThrownBy(() -> verifier.verify(blob, tools.read("root.pem"), trusting("root.pem")))
        .extracting(X509CmsVerifierTest::code)
        .isEqualTo(SignatureCodes.MALFORMED_SIGNATURE);
  }

  @Test
  void rejectsATrustAnchorFileThatIsNotACertificate() {
    assertThatThrownBy(() -> trusting("root.key"))
        .extracting(X509CmsVerifierTest::code)
        .isEqualTo(SignatureCodes.MALFORMED_KEY);
  }

  @Test
  void damagedSignaturesAreRejectedWithCodes() {
    TrustAnchors root = trusting("root.pem");
    for (String sig : new String[] {"signer.p7s.der", "deep.p7s"}) {
      int rejected =
          Mutations.assertOnlyCodedErrors(
              tools.read(sig), 300, "E41", s -> verifier.verify(blob, s, root));

      assertThat(rejected).as(sig).isGreaterThan(250);
    }
  }
}
