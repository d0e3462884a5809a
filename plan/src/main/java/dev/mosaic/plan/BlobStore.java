package dev.mosaic.plan;

import java.util.List;
import java.util.Optional;

/**
 * Content-addressed storage of wasm modules and other blobs, one namespace per tenant. Blobs are
 * named by {@code sha256:<hex>} of their bytes; the digest is verified on write and on read.
 */
public interface BlobStore {

  /** Stores bytes in the tenant's namespace and returns their digest. */
  String put(String tenant, byte[] bytes);

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
