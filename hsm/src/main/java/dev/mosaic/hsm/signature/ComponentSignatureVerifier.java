package dev.mosaic.hsm.signature;

/**
 * Checks a detached signature over a component's bytes. Built-in verifiers are {@code cosign},
 * {@code pgp} and {@code x509}; others are plugged in through {@link java.util.ServiceLoader} by
 * listing the implementation in {@code
 * META-INF/services/dev.mosaic.hsm.signature.ComponentSignatureVerifier} (see docs/trust.md).
 *
 * <p>Implementations are stateless and thread-safe, have a public no-argument constructor when
 * loaded as plugins, and never return for an invalid signature: they throw a {@link
 * dev.mosaic.plan.MosaicException} with a {@link SignatureCodes} code.
 */
public interface ComponentSignatureVerifier {

  /** The name a policy uses to allow this verifier, lowercase, e.g. {@code cosign}. */
  String name();

  /**
   * Verifies {@code signature} over {@code blob} against the trust anchors.
   *
   * @param blob the exact bytes that were signed
   * @param signature the detached signature in this verifier's format
   * @param anchors keys and certificates that are trusted, and the time to check validity at
   * @return who signed, when the signature is valid and made by a trusted key
   * @throws dev.mosaic.plan.MosaicException E4111 to E4117 when it is not
   */
  VerificationResult verify(byte[] blob, byte[] signature, TrustAnchors anchors);
}
