package dev.mosaic.plan.store;

import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.PlanCodec;
import dev.mosaic.plan.diag.Diagnostic;
import dev.mosaic.plan.diag.PlanCodes;
import java.util.List;
import java.util.Optional;

/**
 * Content-addressed storage of wasm modules and other blobs, one namespace per tenant. Blobs are
 * named by {@code sha256:<hex>} of their bytes; the digest is verified on write and on read.
 * Implementations are safe for concurrent use, including concurrent writers of the same blob.
 */
public interface BlobStore {

  /** Stores bytes in the tenant's namespace and returns their digest. */
  String put(String tenant, byte[] bytes);

  /**
   * Stores bytes that the caller names by digest, refusing them when they do not hash to it.
   *
   * @throws MosaicException E4101 when the bytes do not match {@code expectedDigest}
   */
  default String put(String tenant, String expectedDigest, byte[] bytes) {
    String actual = PlanCodec.digestOf(bytes);
    if (!actual.equals(expectedDigest)) {
      throw new MosaicException(
          Diagnostic.of(
                  PlanCodes.BLOB_DIGEST_MISMATCH,
                  "blob does not match its digest `" + expectedDigest + "`")
              .withHelp("its bytes hash to `" + actual + "`"));
    }
    return put(tenant, bytes);
  }

  /**
   * Reads a blob from the tenant's namespace, verifying its digest.
   *
   * @return the bytes, or empty when the tenant has no such blob
   * @throws MosaicException E4101 when the stored bytes no longer match the digest
   */
  Optional<byte[]> get(String tenant, String digest);

  /** Whether the tenant's namespace holds the blob. */
  boolean contains(String tenant, String digest);

  /** Digests in the tenant's namespace, sorted. */
  List<String> list(String tenant);

  /**
   * Names a stored blob as the detached signature, in {@code verifier}'s format, of another stored
   * blob. Both stay content-addressed: the link maps the signed blob's digest to the signature's
   * digest, the way cosign tags a signature {@code sha256-<hex>.sig} in an OCI registry, so plans
   * (which name only the component's digest and the trusted keys) stay byte-identical when a
   * component is signed or re-signed. A second link for the same blob and verifier replaces the
   * first.
   *
   * @throws MosaicException E4001 when either blob is not in the tenant's store
   * @throws UnsupportedOperationException when the store keeps no signatures
   */
  default void attachSignature(
      String tenant, String blobDigest, String verifier, String signatureDigest) {
    throw new UnsupportedOperationException(
        getClass().getSimpleName() + " does not store signatures");
  }

  /**
   * The digest of the blob attached as {@code blobDigest}'s signature in {@code verifier}'s format.
   *
   * @return the signature's digest, or empty when none is attached
   */
  default Optional<String> signatureOf(String tenant, String blobDigest, String verifier) {
    return Optional.empty();
  }

  /** Whether a string can name a verifier in a signature link: lowercase, digits, {@code .-_}. */
  static boolean isVerifierName(String verifier) {
    return verifier.matches("[a-z0-9][a-z0-9._-]{0,31}");
  }

  /** Checks both blobs of a signature link are stored; for implementations. */
  static void requireLinkable(
      BlobStore store, String tenant, String blobDigest, String verifier, String signatureDigest) {
    if (!isVerifierName(verifier)) {
      throw new IllegalArgumentException("invalid verifier name");
    }
    for (String d : List.of(blobDigest, signatureDigest)) {
      if (!store.contains(tenant, d)) {
        throw new MosaicException(
            Diagnostic.of(
                    PlanCodes.BLOB_MISSING,
                    "blob `" + d + "` is not in the store of tenant `" + tenant + "`")
                .withHelp("add it with `mosaic blob add FILE --tenant " + tenant + "`"));
      }
    }
  }
}
