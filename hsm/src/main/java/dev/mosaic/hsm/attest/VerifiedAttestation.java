package dev.mosaic.hsm.attest;

import java.util.List;

/**
 * A signed plan that verified: what it states, and which trusted keys signed it.
 *
 * @param provenance the statement's content
 * @param keyIds {@code sha256:<hex>} ids of the trusted keys whose signatures verified
 */
public record VerifiedAttestation(PlanProvenance provenance, List<String> keyIds) {
  public VerifiedAttestation {
    keyIds = List.copyOf(keyIds);
  }
}
