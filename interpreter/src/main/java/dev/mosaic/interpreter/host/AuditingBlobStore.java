package dev.mosaic.interpreter.host;

import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.PlanCodec;
import dev.mosaic.plan.audit.AuditEvent;
import dev.mosaic.plan.audit.AuditSink;
import dev.mosaic.plan.diag.PlanCodes;
import dev.mosaic.plan.store.BlobStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A blob store that writes a {@code blob} audit event for every blob stored that was not there yet,
 * every store refused, and every read that misses or fails its integrity check, to the tenant's
 * audit sink. Reads that succeed are not audited one by one: validation reads every component's
 * blob and records the outcome itself.
 */
public final class AuditingBlobStore implements BlobStore {
  private final BlobStore delegate;
  private final AuditSink audit;

  public AuditingBlobStore(BlobStore delegate, AuditSink audit) {
    this.delegate = delegate;
    this.audit = audit;
  }

  @Override
  public String put(String tenant, byte[] bytes) {
    try {
      // A script stores its components every time it compiles; only new blobs are news.
      boolean known = delegate.contains(tenant, PlanCodec.digestOf(bytes));
      String digest = delegate.put(tenant, bytes);
      if (!known) {
        record(tenant, "put", digest, "stored", Map.of("size", Long.toString(bytes.length)));
      }
      return digest;
    } catch (MosaicException e) {
      record(tenant, "put", "", "rejected", Map.of("code", e.code()));
      throw e;
    } catch (RuntimeException e) {
      record(tenant, "put", "", "error", Map.of("code", codeOf(e)));
      throw e;
    }
  }

  @Override
  public Optional<byte[]> get(String tenant, String digest) {
    try {
      Optional<byte[]> bytes = delegate.get(tenant, digest);
      if (bytes.isEmpty()) {
        record(tenant, "get", digest, "missing", Map.of());
      }
      return bytes;
    } catch (MosaicException e) {
      record(tenant, "get", digest, "rejected", Map.of("code", e.code()));
      throw e;
    } catch (RuntimeException e) {
      record(tenant, "get", digest, "error", Map.of("code", codeOf(e)));
      throw e;
    }
  }

  @Override
  public boolean contains(String tenant, String digest) {
    return delegate.contains(tenant, digest);
  }

  @Override
  public void attachSignature(
      String tenant, String blobDigest, String verifier, String signatureDigest) {
    delegate.attachSignature(tenant, blobDigest, verifier, signatureDigest);
    record(
        tenant,
        "attach_signature",
        blobDigest,
        "stored",
        Map.of("verifier", verifier, "signature", signatureDigest));
  }

  @Override
  public Optional<String> signatureOf(String tenant, String blobDigest, String verifier) {
    return delegate.signatureOf(tenant, blobDigest, verifier);
  }

  @Override
  public List<String> list(String tenant) {
    return delegate.list(tenant);
  }

  /** E0002 for an i/o failure of the store, E0001 for anything else (a bug in the store). */
  private static String codeOf(RuntimeException e) {
    return e instanceof java.io.UncheckedIOException ? PlanCodes.BLOB_UNREADABLE : "E0001";
  }

  private void record(
      String tenant, String action, String digest, String result, Map<String, String> extra) {
    Map<String, String> details = new TreeMap<>(extra);
    details.put("action", action);
    details.put("result", result);
    if (!digest.isEmpty()) {
      details.put("digest", digest);
    }
    audit.record(AuditEvent.now(tenant, AuditEvent.BLOB, "", details));
  }
}
