package dev.mosaic.plan.verify;

import dev.mosaic.plan.PlanValidator;
import dev.mosaic.plan.SignatureRequirement;

/**
 * Service interface for signature verifiers (cosign keys, PGP, X.509, plugins), called by {@link
 * PlanValidator} in the blobs phase for every component whose {@link SignatureRequirement} names
 * this verifier. Implementations live outside this module and must be thread-safe.
 *
 * <p>A verifier reports outcomes as a {@link ComponentVerification}: {@link
 * SignatureStatus#VERIFIED} with the signer, or {@link SignatureStatus#MISSING}, {@link
 * SignatureStatus#INVALID} or {@link SignatureStatus#UNTRUSTED} with a one-line detail. The
 * validator turns failures into E41xx diagnostics; it never trusts a verifier that throws.
 */
public interface BlobVerifier {

  /** The name plans use in {@link SignatureRequirement#verifiers()}, e.g. {@code cosign}. */
  String name();

  /** Checks the blob of one component against the requirement. */
  ComponentVerification verify(VerificationRequest request);
}
