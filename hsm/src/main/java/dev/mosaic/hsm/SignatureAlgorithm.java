package dev.mosaic.hsm;

/**
 * Signature algorithms a backend may offer for keys that never leave it. Signatures are in the form
 * the JDK's {@code java.security.Signature} verifies with the algorithm's {@link #jcaName()}.
 */
public enum SignatureAlgorithm {
  /** ECDSA over SHA-256, DER-encoded {@code SEQUENCE { r, s }}. */
  ECDSA_SHA256("SHA256withECDSA"),
  /** RSASSA-PKCS1-v1_5 over SHA-256. */
  RSA_PKCS1_SHA256("SHA256withRSA");

  private final String jcaName;

  SignatureAlgorithm(String jcaName) {
    this.jcaName = jcaName;
  }

  /** The JCA algorithm name that verifies these signatures. */
  public String jcaName() {
    return jcaName;
  }
}
