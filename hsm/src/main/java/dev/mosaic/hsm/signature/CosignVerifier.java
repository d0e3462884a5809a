package dev.mosaic.hsm.signature;

import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.diag.Diagnostic;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Base64;

/**
 * Verifies signatures in the format of {@code cosign sign-blob --key}: the base64 text of an ASN.1
 * DER ECDSA signature over the SHA-256 of the blob, checked with a PEM public key ({@code
 * cosign.pub}). Keys imported into cosign (RSA, Ed25519) work too, with the algorithm {@link
 * Keys#signatureAlgorithm} picks. A raw signature does not say which key made it, so a signature by
 * an untrusted key and a changed blob look the same: both are {@link SignatureCodes#BAD_SIGNATURE}.
 */
public final class CosignVerifier implements ComponentSignatureVerifier {
  /** The name policies use for this verifier. */
  public static final String NAME = "cosign";

  private static final int MAX_SIGNATURE_TEXT = 16 * 1024;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public VerificationResult verify(byte[] blob, byte[] signature, TrustAnchors anchors) {
    byte[] der = decode(signature);
    if (anchors.publicKeys().isEmpty()) {
      throw new MosaicException(
          Diagnostic.of(SignatureCodes.UNTRUSTED_KEY, "no public key is trusted for `cosign`")
              .withHelp("add the signer's `cosign.pub` to the trust anchors"));
    }
    for (PublicKey key : anchors.publicKeys()) {
      if (Keys.verifies(key, blob, der)) {
        String id = Keys.keyId(key);
        return new VerificationResult(NAME, id, id);
      }
    }
    throw new MosaicException(
        Diagnostic.of(
                SignatureCodes.BAD_SIGNATURE,
                "cosign signature does not verify with any of "
                    + anchors.publicKeys().size()
                    + " trusted public key(s)")
            .withHelp(
                "either the blob changed after signing or it was signed by a key that is not"
                    + " trusted"));
  }

  private static byte[] decode(byte[] signature) {
    if (signature.length > MAX_SIGNATURE_TEXT) {
      throw malformed("signature file is " + signature.length + " bytes, too large");
    }
    String text = new String(signature, StandardCharsets.US_ASCII).strip();
    if (text.isEmpty()) {
      throw malformed("signature file is empty");
    }
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw malformed("signature is not base64");
    }
  }

  private static MosaicException malformed(String message) {
    return new MosaicException(
        Diagnostic.of(SignatureCodes.MALFORMED_SIGNATURE, "malformed cosign signature: " + message)
            .withHelp("expected the base64 text written by `cosign sign-blob --key cosign.key`"));
  }
}
