package dev.mosaic.hsm.signature;

import java.util.Optional;

/**
 * The kind of a signature failure, for callers that report outcomes rather than codes (such as the
 * plan validator's blobs phase): no signature, a signature that does not verify, or one whose
 * signer may not be trusted for this use.
 */
public enum SignatureFailure {
  /** {@link SignatureCodes#UNSIGNED}. */
  MISSING,
  /** {@link SignatureCodes#BAD_SIGNATURE}, {@link SignatureCodes#MALFORMED_SIGNATURE}. */
  INVALID,
  /**
   * {@link SignatureCodes#UNTRUSTED_KEY}, {@link SignatureCodes#EXPIRED}, {@link
   * SignatureCodes#WRONG_USAGE}, {@link SignatureCodes#VERIFIER_NOT_ALLOWED}.
   */
  UNTRUSTED;

  /**
   * Classifies a component-signature code; empty for codes that describe the host's configuration
   * (unknown or duplicate verifier, unreadable trust anchor) or signed plans rather than a
   * component's signature.
   */
  public static Optional<SignatureFailure> of(String code) {
    return Optional.ofNullable(
        switch (code) {
          case SignatureCodes.UNSIGNED -> MISSING;
          case SignatureCodes.BAD_SIGNATURE, SignatureCodes.MALFORMED_SIGNATURE -> INVALID;
          case SignatureCodes.UNTRUSTED_KEY,
              SignatureCodes.EXPIRED,
              SignatureCodes.WRONG_USAGE,
              SignatureCodes.VERIFIER_NOT_ALLOWED ->
              UNTRUSTED;
          default -> null;
        });
  }
}
