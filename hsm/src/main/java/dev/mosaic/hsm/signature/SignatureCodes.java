package dev.mosaic.hsm.signature;

/**
 * Error codes for component signatures and signed plans (E41xx: integrity and signatures, exit 77).
 * E4101 (blob digest mismatch) belongs to the plan module; this class starts at E4110. Every code
 * is listed in docs/errors.md.
 */
public final class SignatureCodes {
  /** A component has no signature although the policy requires one. */
  public static final String UNSIGNED = "E4110";

  /** The signature does not verify over the blob (blob changed or signature damaged). */
  public static final String BAD_SIGNATURE = "E4111";

  /** The signature was made by a key or certificate that the trust anchors do not accept. */
  public static final String UNTRUSTED_KEY = "E4112";

  /**
   * The signing certificate (or a certificate in its chain, or a PGP key) expired or is not yet
   * valid.
   */
  public static final String EXPIRED = "E4113";

  /** The signing certificate or key may not be used for code signing. */
  public static final String WRONG_USAGE = "E4114";

  /** No verifier with the requested name is registered. */
  public static final String UNKNOWN_VERIFIER = "E4115";

  /** The signature bytes cannot be parsed in the verifier's format. */
  public static final String MALFORMED_SIGNATURE = "E4116";

  /** A trust anchor or signing key cannot be parsed or has an unsupported type. */
  public static final String MALFORMED_KEY = "E4117";

  /** The signature was made with a verifier that the policy does not allow for this component. */
  public static final String VERIFIER_NOT_ALLOWED = "E4118";

  /** Two verifiers were registered under the same name. */
  public static final String DUPLICATE_VERIFIER = "E4119";

  /** A DSSE envelope or the in-toto statement inside it is malformed. */
  public static final String MALFORMED_ENVELOPE = "E4120";

  /** A signed plan carries fewer valid signatures by trusted keys than required. */
  public static final String ENVELOPE_NOT_TRUSTED = "E4121";

  /** A signed plan's statement names a different plan than the one given. */
  public static final String SUBJECT_MISMATCH = "E4122";

  private SignatureCodes() {}
}
