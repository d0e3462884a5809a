package dev.mosaic.hsm.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.plan.Component;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.Plan;
import dev.mosaic.plan.PlanValidator;
import dev.mosaic.plan.SignatureRequirement;
import dev.mosaic.plan.TenantLimits;
import dev.mosaic.plan.audit.AuditEvent;
import dev.mosaic.plan.store.MemoryBlobStore;
import dev.mosaic.plan.verify.ComponentVerification;
import dev.mosaic.plan.verify.SignatureStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The blobs phase with the real verifiers: signatures made by openssl the cosign way and by gpg,
 * stored as blobs and linked to the component; trusted keys named by digest or by host name.
 */
class StoredSignatureVerifierTest {
  private static final String TENANT = "acme";

  @TempDir static Path dir;
  static Tools tools;
  static byte[] blob;

  private MemoryBlobStore store;
  private final List<AuditEvent> events = new ArrayList<>();
  private String blobDigest;

  @BeforeAll
  static void makeVectors() throws Exception {
    Path home = Files.createDirectory(dir.resolve("gnupg"));
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
    tools = new Tools(dir).env("GNUPGHOME", home.toString());
    // An empty wasm module with one custom section (id 0, 17 bytes, named "signed component").
    blob = "\0asm\1\0\0\0\0\u0011\u0010signed component".getBytes(StandardCharsets.ISO_8859_1);
    tools.write("blob.wasm", blob);
    for (String who : new String[] {"alice", "bob"}) {
      gpg("--quick-gen-key", who + " <" + who + "@example.org>", "ed25519", "cert,sign", "never");
      gpg("-u", who + "@example.org", "--detach-sign", "-o", who + ".pgp.sig", "blob.wasm");
      gpg("--armor", "--export", "-o", who + ".asc", who + "@example.org");
    }
    for (String name : new String[] {"alice", "mallory"}) {
      tools.run(
          "openssl", "ecparam", "-genkey", "-name", "prime256v1", "-noout", "-out", name + ".key");
      tools.run("openssl", "ec", "-in", name + ".key", "-pubout", "-out", name + ".pub");
      tools.run(
          "openssl", "dgst", "-sha256", "-sign", name + ".key", "-out", name + ".der", "blob.wasm");
      tools.run("openssl", "base64", "-A", "-in", name + ".der", "-out", name + ".sig");
    }
  }

  @AfterAll
  static void stopAgent() {
    tools.run("gpgconf", "--kill", "gpg-agent");
  }

  private static void gpg(String... args) {
    List<String> command =
        new ArrayList<>(
            List.of("gpg", "--batch", "--no-tty", "--pinentry-mode", "loopback", "--passphrase="));
    command.addAll(List.of(args));
    tools.run(command.toArray(String[]::new));
  }

  @BeforeEach
  void freshStore() {
    store = new MemoryBlobStore();
    blobDigest = store.put(TENANT, blob);
  }

  private PlanValidator validator(Map<String, TrustAnchors> named) {
    return StoredSignatureVerifier.install(
            PlanValidator.builder(store).audit(events::add),
            Verifiers.load(),
            named,
            TrustAnchors.none())
        .build();
  }

  private Plan plan(String digest, SignatureRequirement requirement) {
    return new Plan(
        Plan.FORMAT_VERSION,
        TENANT,
        List.of(new Component("greeter", digest, List.of(), List.of(), requirement)),
        List.of(),
        List.of(),
        TenantLimits.DEFAULT,
        List.of());
  }

  private SignatureRequirement trusting(String keyFile) {
    String key = store.put(TENANT, tools.read(keyFile));
    return new SignatureRequirement(List.of("cosign"), List.of(key));
  }

  private void sign(String blobDigest, String sigFile) {
    store.attachSignature(TENANT, blobDigest, "cosign", store.put(TENANT, tools.read(sigFile)));
  }

  @Test
  void aSignatureByTheTrustedKeyIsVerifiedAndRecorded() {
    sign(blobDigest, "alice.sig");
    String aliceId = Keys.keyId(Keys.readPublicKey(tools.read("alice.pub"), "alice.pub"));

    var validated = validator(Map.of()).validate(plan(blobDigest, trusting("alice.pub")));

    ComponentVerification v = validated.verifications().getFirst();
    assertThat(v.status()).isEqualTo(SignatureStatus.VERIFIED);
    assertThat(v.verifierName()).isEqualTo("cosign");
    assertThat(v.signer()).isEqualTo(aliceId);
    assertThat(events)
        .filteredOn(e -> e.eventType().equals(AuditEvent.BLOB))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.componentId()).isEqualTo("greeter");
              assertThat(e.details())
                  .containsEntry("result", "accepted")
                  .containsEntry("signature", "verified")
                  .containsEntry("signer", aliceId);
            });
  }

  @Test
  void anUnsignedComponentIsRejectedWithE4110AndAudited() {
    assertThatThrownBy(() -> validator(Map.of()).validate(plan(blobDigest, trusting("alice.pub"))))
        .isInstanceOf(MosaicException.class)
        .hasMessage("error[E4110]: component `greeter` requires a signature and has none");
    assertThat(events)
        .filteredOn(e -> e.eventType().equals(AuditEvent.BLOB))
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.details())
                    .containsEntry("result", "rejected")
                    .containsEntry("code", "E4110"));
    assertThat(events)
        .filteredOn(e -> e.eventType().equals(AuditEvent.PLAN_VALIDATION))
        .singleElement()
        .satisfies(e -> assertThat(e.details()).containsEntry("codes", "E4110"));
  }

  @Test
  void aTamperedComponentIsRejectedWithE4111() {
    byte[] tampered = blob.clone();
    tampered[tampered.length - 1] ^= 1;
    String tamperedDigest = store.put(TENANT, tampered);
    sign(tamperedDigest, "alice.sig");

    assertThatThrownBy(
            () -> validator(Map.of()).validate(plan(tamperedDigest, trusting("alice.pub"))))
        .isInstanceOf(MosaicException.class)
        .hasMessageStartingWith(
            "error[E4111]: component `greeter` has a signature that does not verify with `cosign`");
  }

  @Test
  void aSignatureByAnUntrustedKeyIsRejected() {
    sign(blobDigest, "mallory.sig");

    // A raw cosign signature does not name its key: untrusted and tampered look the same.
    assertThatThrownBy(() -> validator(Map.of()).validate(plan(blobDigest, trusting("alice.pub"))))
        .isInstanceOf(MosaicException.class)
        .hasMessageStartingWith("error[E4111]: component `greeter`");
  }

  @Test
  void namedTrustAnchorsComeFromTheHost() {
    sign(blobDigest, "alice.sig");
    TrustAnchors release =
        TrustAnchors.builder().publicKeysPem(tools.read("alice.pub"), "alice.pub").build();
    SignatureRequirement byName = new SignatureRequirement(List.of("cosign"), List.of("release"));

    assertThat(
            validator(Map.of("release", release))
                .validate(plan(blobDigest, byName))
                .verifications()
                .getFirst()
                .status())
        .isEqualTo(SignatureStatus.VERIFIED);
    assertThatThrownBy(() -> validator(Map.of()).validate(plan(blobDigest, byName)))
        .isInstanceOfSatisfying(
            MosaicException.class,
            e -> {
              assertThat(e.getMessage())
                  .isEqualTo("error[E4112]: component `greeter` is not signed by a trusted key");
              assertThat(e.diagnostics().getFirst().help())
                  .isEqualTo("trusted key `release` is not configured in this host (E4112)");
            });
  }

  @Test
  void aTrustedKeyMissingFromTheStoreIsUntrusted() {
    sign(blobDigest, "alice.sig");
    SignatureRequirement absent =
        new SignatureRequirement(List.of("cosign"), List.of("sha256:" + "0".repeat(64)));

    assertThatThrownBy(() -> validator(Map.of()).validate(plan(blobDigest, absent)))
        .isInstanceOf(MosaicException.class)
        .hasMessageStartingWith("error[E4112]: component `greeter`");
  }

  @Test
  void aPgpSignatureSatisfiesARequirementThatAcceptsPgp() {
    String alice = store.put(TENANT, tools.read("alice.asc"));
    SignatureRequirement either =
        new SignatureRequirement(List.of("cosign", "pgp"), List.of(alice));
    store.attachSignature(
        TENANT, blobDigest, "pgp", store.put(TENANT, tools.read("alice.pgp.sig")));

    ComponentVerification v =
        validator(Map.of()).validate(plan(blobDigest, either)).verifications().getFirst();

    assertThat(v.status()).isEqualTo(SignatureStatus.VERIFIED);
    assertThat(v.verifierName()).isEqualTo("pgp");
    assertThat(v.signer()).isEqualTo("alice <alice@example.org>");
  }

  @Test
  void aPgpSignatureByAnotherKeyIsUntrustedWithE4112() {
    String alice = store.put(TENANT, tools.read("alice.asc"));
    store.attachSignature(TENANT, blobDigest, "pgp", store.put(TENANT, tools.read("bob.pgp.sig")));

    assertThatThrownBy(
            () ->
                validator(Map.of())
                    .validate(
                        plan(blobDigest, new SignatureRequirement(List.of("pgp"), List.of(alice)))))
        .isInstanceOf(MosaicException.class)
        .hasMessageStartingWith("error[E4112]: component `greeter`");
  }
}
