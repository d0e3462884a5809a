package dev.mosaic.hsm.signature;

import java.util.Objects;

/**
 * What a verifier established about a valid signature.
 *
 * @param verifier name of the verifier that accepted the signature, e.g. {@code cosign}
 * @param signer who signed: a certificate subject, a PGP user id, or a key id
 * @param keyId a stable identifier of the signing key: {@code sha256:<hex>} of its
 *     SubjectPublicKeyInfo, a PGP fingerprint, or a certificate's SHA-256 fingerprint
 */
public record VerificationResult(String verifier, String signer, String keyId) {

  public VerificationResult {
    Objects.requireNonNull(verifier, "verifier");
    Objects.requireNonNull(signer, "signer");
    Objects.requireNonNull(keyId, "keyId");
  }
}
