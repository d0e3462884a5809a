package dev.mosaic.hsm.signature;

import java.util.Objects;

/**
 * A signature that travels beside a blob, with the name of the verifier that reads it.
 *
 * @param verifier verifier name, e.g. {@code cosign}
 * @param bytes the signature file's bytes
 */
public record DetachedSignature(String verifier, byte[] bytes) {

  public DetachedSignature {
    Objects.requireNonNull(verifier, "verifier");
    bytes = bytes.clone();
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DetachedSignature o
        && verifier.equals(o.verifier)
        && java.util.Arrays.equals(bytes, o.bytes);
  }

  @Override
  public int hashCode() {
    return verifier.hashCode() * 31 + java.util.Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "DetachedSignature[" + verifier + ", " + bytes.length + " bytes]";
  }
}
