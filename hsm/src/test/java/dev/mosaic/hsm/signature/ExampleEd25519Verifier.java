package dev.mosaic.hsm.signature;

import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.diag.Diagnostic;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;

/**
 * An example plugin verifier, registered through {@code
 * META-INF/services/dev.mosaic.hsm.signature.ComponentSignatureVerifier} in the test resources: a
 * raw 64-byte Ed25519 signature ({@code openssl pkeyutl -sign -rawin}) checked against the PEM
 * public keys a host registers as trust material named {@code ed25519-raw}.
 */
public final class ExampleEd25519Verifier implements ComponentSignatureVerifier {
  static final String NAME = "ed25519-raw";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public VerificationResult verify(byte[] blob, byte[] signature, TrustAnchors anchors) {
    if (signature.length != 64) {
      throw new MosaicException(
          Diagnostic.of(
              SignatureCodes.MALFORMED_SIGNATURE,
              "ed25519 signature is " + signature.length + " bytes, expected 64"));
    }
    for (byte[] pem : anchors.material(NAME)) {
      PublicKey key = Keys.readPublicKey(pem, NAME);
      try {
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(key);
        verifier.update(blob);
        if (verifier.verify(signature)) {
          return new VerificationResult(NAME, Keys.keyId(key), Keys.keyId(key));
        }
      } catch (GeneralSecurityException e) {
        throw new MosaicException(
            SignatureCodes.MALFORMED_KEY, "trusted key is not an Ed25519 key: " + e.getMessage());
      }
    }
    throw new MosaicException(
        SignatureCodes.BAD_SIGNATURE, "ed25519 signature does not verify with any trusted key");
  }
}
