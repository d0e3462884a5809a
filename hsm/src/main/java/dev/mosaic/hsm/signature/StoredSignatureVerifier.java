package dev.mosaic.hsm.signature;

import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.PlanValidator;
import dev.mosaic.plan.diag.Diagnostic;
import dev.mosaic.plan.store.BlobStore;
import dev.mosaic.plan.store.FileBlobStore;
import dev.mosaic.plan.verify.BlobVerifier;
import dev.mosaic.plan.verify.ComponentVerification;
import dev.mosaic.plan.verify.SignatureStatus;
import dev.mosaic.plan.verify.VerificationRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The plan validator's view of one {@link ComponentSignatureVerifier}: a {@link BlobVerifier} that
 * finds a component's detached signature and trusted keys in the tenant's blob store.
 *
 * <ul>
 *   <li><b>Signatures</b> are ordinary blobs, linked to the blob they sign with {@link
 *       BlobStore#attachSignature} ({@code mosaic blob add FILE --signature SIG}). Plans never name
 *       signatures, so signing or re-signing a component does not change any plan's digest.
 *   <li><b>Trusted keys</b> of a {@link dev.mosaic.plan.SignatureRequirement} are references:
 *       {@code sha256:<hex>} names key material stored as a blob in the tenant's store (a PEM
 *       public key for {@code cosign}, a PGP public key for {@code pgp}, a root certificate for
 *       {@code x509}, raw material for plugins), which is what {@code signed by "key.pub"} compiles
 *       to; any other reference names trust anchors the host configured under that name. A
 *       requirement without trusted keys uses the host's default anchors.
 * </ul>
 *
 * Failures become {@link ComponentVerification}s with {@link SignatureFailure}'s classification;
 * the detail names the verifier's own code, e.g. E4113 for an expired certificate.
 */
public final class StoredSignatureVerifier implements BlobVerifier {
  private static final int MAX_KEY_BYTES = 1 << 20;

  private final ComponentSignatureVerifier verifier;
  private final Map<String, TrustAnchors> named;
  private final TrustAnchors defaults;

  /**
   * An adapter for one verifier.
   *
   * @param verifier the signature format checker
   * @param named host-configured trust anchors by reference name
   * @param defaults anchors for requirements that name no trusted key
   */
  public StoredSignatureVerifier(
      ComponentSignatureVerifier verifier, Map<String, TrustAnchors> named, TrustAnchors defaults) {
    this.verifier = Objects.requireNonNull(verifier, "verifier");
    this.named = Map.copyOf(named);
    this.defaults = Objects.requireNonNull(defaults, "defaults");
  }

  /** One adapter per verifier of the registry, sharing the host's trust configuration. */
  public static List<BlobVerifier> all(
      Verifiers verifiers, Map<String, TrustAnchors> named, TrustAnchors defaults) {
    List<BlobVerifier> out = new ArrayList<>();
    for (String name : verifiers.names()) {
      out.add(new StoredSignatureVerifier(verifiers.get(name), named, defaults));
    }
    return out;
  }

  /** Installs one adapter per verifier of the registry into a validator builder. */
  public static PlanValidator.Builder install(
      PlanValidator.Builder builder,
      Verifiers verifiers,
      Map<String, TrustAnchors> named,
      TrustAnchors defaults) {
    all(verifiers, named, defaults).forEach(builder::verifier);
    return builder;
  }

  @Override
  public String name() {
    return verifier.name();
  }

  @Override
  public ComponentVerification verify(VerificationRequest request) {
    BlobStore store = request.store();
    Optional<String> link = store.signatureOf(request.tenant(), request.digest(), name());
    Optional<byte[]> signature =
        link.isEmpty() ? Optional.empty() : store.get(request.tenant(), link.get());
    if (signature.isEmpty()) {
      return ComponentVerification.failed(
          request,
          name(),
          SignatureStatus.MISSING,
          "",
          "no `"
              + name()
              + "` signature is stored for `"
              + request.digest()
              + "`; add one with `mosaic blob add FILE --signature SIG --verifier "
              + name()
              + "`");
    }
    try {
      TrustAnchors anchors = anchors(request);
      VerificationResult result = verifier.verify(request.blob(), signature.get(), anchors);
      return ComponentVerification.verified(request, name(), result.signer());
    } catch (MosaicException e) {
      Diagnostic d = e.diagnostics().getFirst();
      SignatureStatus status =
          switch (SignatureFailure.of(d.code()).orElse(SignatureFailure.UNTRUSTED)) {
            case MISSING -> SignatureStatus.MISSING;
            case INVALID -> SignatureStatus.INVALID;
            case UNTRUSTED -> SignatureStatus.UNTRUSTED;
          };
      return ComponentVerification.failed(
          request, name(), status, "", d.message() + " (" + d.code() + ")");
    }
  }

  /** The anchors a requirement's trusted-key references resolve to. */
  TrustAnchors anchors(VerificationRequest request) {
    List<String> references = request.requirement().trustedKeys();
    if (references.isEmpty()) {
      return defaults;
    }
    TrustAnchors.Builder b = TrustAnchors.builder();
    for (String reference : references) {
      if (FileBlobStore.isDigest(reference)) {
        byte[] key =
            request
                .store()
                .get(request.tenant(), reference)
                .orElseThrow(() -> missingKey(reference, request.tenant()));
        addKeyMaterial(b, key, reference);
      } else {
        TrustAnchors anchors = named.get(reference);
        if (anchors == null) {
          throw new MosaicException(
              Diagnostic.of(
                      SignatureCodes.UNTRUSTED_KEY,
                      "trusted key `" + reference + "` is not configured in this host")
                  .withHelp("configure trust anchors named `" + reference + "` in the host"));
        }
        anchors.publicKeys().forEach(b::publicKey);
        anchors.pgpKeys().forEach(ring -> addPgp(b, ring, reference));
        anchors.certificates().forEach(b::certificate);
        anchors.material(name()).forEach(m -> b.material(name(), m));
      }
    }
    return b.build();
  }

  private static void addPgp(
      TrustAnchors.Builder b, org.bouncycastle.openpgp.PGPPublicKeyRing ring, String source) {
    try {
      b.pgpKeys(ring.getEncoded(), source);
    } catch (java.io.IOException e) {
      throw Keys.malformed(source, "cannot re-encode PGP key", e);
    }
  }

  /** Adds key material by what it is: PGP key, certificate, PEM public key, or plugin material. */
  private void addKeyMaterial(TrustAnchors.Builder b, byte[] key, String reference) {
    if (key.length > MAX_KEY_BYTES) {
      throw Keys.malformed(reference, "key material is over 1 MiB", null);
    }
    String text = new String(key, StandardCharsets.ISO_8859_1);
    if (text.contains("-----BEGIN PGP PUBLIC KEY BLOCK-----")) {
      b.pgpKeys(key, reference);
    } else if (text.contains("-----BEGIN CERTIFICATE-----")) {
      b.certificates(key, reference);
    } else if (text.contains("-----BEGIN PUBLIC KEY-----")) {
      b.publicKeysPem(key, reference);
    } else {
      b.material(name(), key);
    }
  }

  private static MosaicException missingKey(String reference, String tenant) {
    return new MosaicException(
        Diagnostic.of(
                SignatureCodes.UNTRUSTED_KEY,
                "trusted key `" + reference + "` is not in the store of tenant `" + tenant + "`")
            .withHelp("add the public key with `mosaic blob add KEY.pub --tenant " + tenant + "`"));
  }
}
