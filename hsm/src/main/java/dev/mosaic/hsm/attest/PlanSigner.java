package dev.mosaic.hsm.attest;

/**
 * Something that signs bytes with a private key it may never reveal: a key file, a key held by a
 * PKCS#11 token through the JDK's SunPKCS11 provider, or any other {@code java.security.Signature}
 * back end. See {@link KeySigner}.
 */
public interface PlanSigner {

  /** The hint written beside the signature: {@code sha256:<hex>} of the public key's SPKI. */
  String keyId();

  /**
   * Signs {@code message} (the envelope's PAE bytes). ECDSA signatures are ASN.1 DER, Ed25519
   * signatures the raw 64 bytes, RSA signatures PKCS#1 v1.5.
   */
  byte[] sign(byte[] message);
}
