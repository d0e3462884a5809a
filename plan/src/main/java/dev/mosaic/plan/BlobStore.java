package dev.mosaic.plan;

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
}
