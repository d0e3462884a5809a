package dev.mosaic.hsm.attest;

import java.util.Arrays;
import java.util.Objects;

/**
 * One signature of a DSSE envelope.
 *
 * @param keyid an unauthenticated hint naming the key ({@code sha256:<hex>} of its
 *     SubjectPublicKeyInfo when Mosaic signs), possibly empty
 * @param sig the signature over the envelope's PAE bytes
 */
public record DsseSignature(String keyid, byte[] sig) {

  public DsseSignature {
    keyid = Objects.requireNonNullElse(keyid, "");
    sig = sig.clone();
  }

  @Override
  public byte[] sig() {
    return sig.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DsseSignature o && keyid.equals(o.keyid) && Arrays.equals(sig, o.sig);
  }

  @Override
  public int hashCode() {
    return keyid.hashCode() * 31 + Arrays.hashCode(sig);
  }

  @Override
  public String toString() {
    return "DsseSignature[" + keyid + "]";
  }
}
