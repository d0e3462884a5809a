package dev.mosaic.interpreter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.hsm.attest.KeySigner;
import dev.mosaic.hsm.attest.PlanAttestation;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.ValidatedPlan;
import dev.mosaic.plan.audit.AuditEvent;
import dev.mosaic.plan.verify.SignatureStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signed components and signed plans through the embedding facade. */
class EmbeddingTrustTest {
  static final Path HELLO = Path.of("..", "examples", "hello");

  @TempDir Path dir;

  private static KeyPair ecKey() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(256);
    return g.generateKeyPair();
  }

  private static String pem(KeyPair k) {
    return "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(k.getPublic().getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
  }

  /** What {@code cosign sign-blob --key} writes: base64 of a DER ECDSA-SHA256 signature. */
  private static byte[] cosign(KeyPair k, byte[] blob) throws Exception {
    Signature s = Signature.getInstance("SHA256withECDSA");
    s.initSign(k.getPrivate());
    s.update(blob);
    return Base64.getEncoder().encode(s.sign());
  }

  private Path script(KeyPair release) throws Exception {
    Files.copy(HELLO.resolve("hello.wasm"), dir.resolve("hello.wasm"));
    Files.writeString(dir.resolve("release.pub"), pem(release));
    return Files.writeString(
        dir.resolve("hello.mosaic"),
        Files.readString(HELLO.resolve("hello.mosaic"))
            .replace("from \"hello.wasm\"", "from \"hello.wasm\" signed by \"release.pub\""));
  }

  @Test
  void aSignedComponentRunsAndAnUnsignedOneIsDeniedAndAudited() throws Exception {
    KeyPair release = ecKey();
    Path script = script(release);
    List<AuditEvent> events = new ArrayList<>();
    try (Mosaic mosaic =
        Mosaic.builder()
            .store(dir.resolve("store"))
            .audit(events::add)
            .output(line -> {})
            .guestLog(line -> {})
            .build()) {
      assertThatThrownBy(() -> mosaic.run(script))
          .isInstanceOfSatisfying(
              MosaicException.class, e -> assertThat(e.exitCode()).isEqualTo(77))
          .hasMessage("error[E4110]: component `hello` requires a signature and has none");
      assertThat(events).extracting(AuditEvent::eventType).contains(AuditEvent.BLOB);

      byte[] wasm = Files.readAllBytes(dir.resolve("hello.wasm"));
      String digest = mosaic.blobs().put("demo", wasm);
      String sig = mosaic.blobs().put("demo", cosign(release, wasm));
      mosaic.blobs().attachSignature("demo", digest, "cosign", sig);

      assertThat(mosaic.run(script)).isEqualTo(42L);
      ValidatedPlan plan = mosaic.load(mosaic.encode(mosaic.compile(script).orThrow().plan()));
      assertThat(plan.verifications().getFirst().status()).isEqualTo(SignatureStatus.VERIFIED);
    }
  }

  @Test
  void aHostThatRequiresSignedPlansRunsOnlyThose() throws Exception {
    KeyPair planKey = ecKey();
    KeyPair other = ecKey();
    byte[] planBytes;
    try (Mosaic compiler = Mosaic.builder().store(dir.resolve("store")).build()) {
      Files.copy(HELLO.resolve("hello.wasm"), dir.resolve("hello.wasm"));
      Files.copy(HELLO.resolve("hello.mosaic"), dir.resolve("hello.mosaic"));
      planBytes = compiler.encode(compiler.compile(dir.resolve("hello.mosaic")).orThrow().plan());
    }
    byte[] envelope =
        PlanAttestation.sign(
                "hello.plan",
                planBytes,
                "test",
                KeySigner.of(planKey.getPrivate(), planKey.getPublic()))
            .toJson();
    try (Mosaic host =
        Mosaic.builder()
            .store(dir.resolve("store"))
            .requireSignedPlans(planKey.getPublic())
            .build()) {
      assertThat(host.load(planBytes, envelope).tenant()).isEqualTo("demo");
      assertThatThrownBy(() -> host.load(planBytes))
          .isInstanceOf(MosaicException.class)
          .hasMessage("error[E4121]: plan is not signed");
    }
    try (Mosaic host =
        Mosaic.builder()
            .store(dir.resolve("store"))
            .requireSignedPlans(other.getPublic())
            .build()) {
      assertThatThrownBy(() -> host.load(planBytes, envelope))
          .isInstanceOf(MosaicException.class)
          .hasMessageStartingWith("error[E4121]: signed plan has 0 valid signature(s)");
    }
  }
}
