package dev.mosaic.plan.verify;

import dev.mosaic.plan.diag.PlanCodes;

/** Outcome of checking one component's signature in the blobs phase. */
public enum SignatureStatus {
  /** The component has no signature requirement; nothing was checked. */
  UNSIGNED_NOT_REQUIRED,
  /** A required signature verified and its signer is trusted. */
  VERIFIED,
  /** A signature is required but none was found ({@link PlanCodes#SIGNATURE_MISSING}). */
  MISSING,
  /** A signature was found but does not verify ({@link PlanCodes#SIGNATURE_INVALID}). */
  INVALID,
  /** The signature verifies but the signer is not trusted ({@link PlanCodes#SIGNER_UNTRUSTED}). */
  UNTRUSTED
}
