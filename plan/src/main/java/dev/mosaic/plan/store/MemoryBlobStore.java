package dev.mosaic.plan.store;

import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.PlanCodec;
import dev.mosaic.plan.SystemLimits;
import dev.mosaic.plan.diag.PlanCodes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link BlobStore} in memory, for embedding and tests: per-tenant namespaces, digests verified
 * on write and on read, safe for concurrent use.
 */
public final class MemoryBlobStore implements BlobStore {
  private final Map<String, Map<String, byte[]>> tenants = new ConcurrentHashMap<>();
  private final Map<String, String> signatureLinks = new ConcurrentHashMap<>();
  private final long maxBlobBytes;

  public MemoryBlobStore(long maxBlobBytes) {
    this.maxBlobBytes = maxBlobBytes;
  }

  public MemoryBlobStore() {
    this(SystemLimits.DEFAULT.maxBlobBytes());
  }

  @Override
  public String put(String tenant, byte[] bytes) {
    if (bytes.length > maxBlobBytes) {
      throw new MosaicException(
          PlanCodes.BLOB_TOO_LARGE,
          "blob is " + bytes.length + " bytes, over the limit of " + maxBlobBytes);
    }
    String digest = PlanCodec.digestOf(bytes);
    namespace(tenant).putIfAbsent(digest, bytes.clone());
    return digest;
  }

  @Override
  public Optional<byte[]> get(String tenant, String digest) {
    byte[] bytes = namespace(tenant).get(digest);
    if (bytes == null) {
      return Optional.empty();
    }
    if (!PlanCodec.digestOf(bytes).equals(digest)) {
      throw new MosaicException(
          PlanCodes.BLOB_DIGEST_MISMATCH, "blob `" + digest + "` does not match its digest");
    }
    return Optional.of(bytes.clone());
  }

  @Override
  public boolean contains(String tenant, String digest) {
    return namespace(tenant).containsKey(digest);
  }

  @Override
  public List<String> list(String tenant) {
    return namespace(tenant).keySet().stream().sorted().toList();
  }

  @Override
  public void attachSignature(
      String tenant, String blobDigest, String verifier, String signatureDigest) {
    BlobStore.requireLinkable(this, tenant, blobDigest, verifier, signatureDigest);
    signatureLinks.put(linkKey(tenant, blobDigest, verifier), signatureDigest);
  }

  @Override
  public Optional<String> signatureOf(String tenant, String blobDigest, String verifier) {
    namespace(tenant);
    return Optional.ofNullable(signatureLinks.get(linkKey(tenant, blobDigest, verifier)));
  }

  private static String linkKey(String tenant, String blobDigest, String verifier) {
    return tenant + "\u0000" + blobDigest + "\u0000" + verifier;
  }

  private Map<String, byte[]> namespace(String tenant) {
    if (!FileBlobStore.isTenant(tenant)) {
      throw new IllegalArgumentException("invalid tenant name");
    }
    return tenants.computeIfAbsent(tenant, t -> new ConcurrentHashMap<>());
  }
}
