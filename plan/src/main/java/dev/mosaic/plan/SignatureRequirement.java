package dev.mosaic.plan;

import dev.mosaic.plan.verify.BlobVerifier;
import java.util.List;

/**
 * What a component's blob must carry before a host runs it: a signature checked by one of the named
 * verifiers and made by one of the trusted keys. Plain data; the verifiers themselves plug in
 * through {@link BlobVerifier}.
 *
 * @param verifiers names of acceptable verifiers, e.g. {@code cosign}, {@code pgp}, {@code x509};
 *     empty means no signature is required
 * @param trustedKeys references to trusted keys or certificates, in the verifier's own syntax (e.g.
 *     {@code pkcs11:token=mosaic;object=release}, a PGP fingerprint); empty lets the verifier use
 *     its own trust store
 */
public record SignatureRequirement(List<String> verifiers, List<String> trustedKeys) {
  /** No signature required. */
  public static final SignatureRequirement NONE = new SignatureRequirement(List.of(), List.of());

  public SignatureRequirement {
    verifiers = List.copyOf(verifiers);
    trustedKeys = List.copyOf(trustedKeys);
  }

  /** Whether a signature is required at all. */
  public boolean required() {
    return !verifiers.isEmpty();
  }
}
