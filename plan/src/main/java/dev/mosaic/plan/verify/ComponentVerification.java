package dev.mosaic.plan.verify;

import java.util.Objects;

/**
 * What the blobs phase established about one component: its digest was re-verified, and its
 * signature has the given status.
 *
 * @param componentId component id
 * @param digest verified {@code sha256:<hex>} of the blob
 * @param status signature outcome
 * @param verifierName the verifier that decided, or empty when none ran
 * @param signer who signed (key id, fingerprint, certificate subject), or empty
 * @param detail a one-line reason for a failed check, or empty
 */
public record ComponentVerification(
    String componentId,
    String digest,
    SignatureStatus status,
    String verifierName,
    String signer,
    String detail) {

  public ComponentVerification {
    Objects.requireNonNull(componentId, "componentId");
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(status, "status");
    verifierName = verifierName == null ? "" : verifierName;
    signer = signer == null ? "" : signer;
    detail = detail == null ? "" : detail;
  }

  /** The record for a component without a signature requirement. */
  public static ComponentVerification unsignedNotRequired(String componentId, String digest) {
    return new ComponentVerification(
        componentId, digest, SignatureStatus.UNSIGNED_NOT_REQUIRED, "", "", "");
  }

  /** A successful verification. */
  public static ComponentVerification verified(
      VerificationRequest request, String verifierName, String signer) {
    return new ComponentVerification(
        request.componentId(),
        request.digest(),
        SignatureStatus.VERIFIED,
        verifierName,
        signer,
        "");
  }

  /** A failed verification with its reason. */
  public static ComponentVerification failed(
      VerificationRequest request,
      String verifierName,
      SignatureStatus status,
      String signer,
      String detail) {
    if (status == SignatureStatus.VERIFIED || status == SignatureStatus.UNSIGNED_NOT_REQUIRED) {
      throw new IllegalArgumentException("not a failure: " + status);
    }
    return new ComponentVerification(
        request.componentId(), request.digest(), status, verifierName, signer, detail);
  }

  /** Whether the component may run as far as signatures go. */
  public boolean accepted() {
    return status == SignatureStatus.VERIFIED || status == SignatureStatus.UNSIGNED_NOT_REQUIRED;
  }
}
