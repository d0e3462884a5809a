package dev.mosaic.hsm.attest;

import java.util.Objects;

/**
 * A component of a signed plan.
 *
 * @param id the component's id in the plan
 * @param digest {@code sha256:<hex>} of its wasm bytes
 */
public record ComponentDigest(String id, String digest) {
  public ComponentDigest {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(digest, "digest");
  }
}
