package dev.mosaic.plan.verify;

import dev.mosaic.plan.SignatureRequirement;
import dev.mosaic.plan.store.BlobStore;
import java.util.Objects;

/**
 * Everything a {@link BlobVerifier} gets for one component. The blob bytes were already checked
 * against {@code digest}; detached signatures or bundles, if the verifier keeps them in the blob
 * store, are found through {@code store} in the same tenant's namespace.
 *
 * @param tenant the plan's tenant
 * @param componentId component id
 * @param digest {@code sha256:<hex>} of the blob
 * @param blob the verified bytes (shared, not copied: do not modify)
 * @param requirement what the plan requires
 * @param store the tenant's blob store
 */
public record VerificationRequest(
    String tenant,
    String componentId,
    String digest,
    byte[] blob,
    SignatureRequirement requirement,
    BlobStore store) {

  public VerificationRequest {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(componentId, "componentId");
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(blob, "blob");
    Objects.requireNonNull(requirement, "requirement");
    Objects.requireNonNull(store, "store");
  }
}
