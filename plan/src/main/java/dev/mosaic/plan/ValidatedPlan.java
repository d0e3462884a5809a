package dev.mosaic.plan;

import dev.mosaic.plan.rules.PolicyEngine;
import dev.mosaic.plan.verify.ComponentVerification;
import dev.mosaic.plan.verify.SignatureStatus;
import java.util.List;
import java.util.Map;

/**
 * A plan that passed every validation phase, with the verified bytes of each component. Only {@link
 * PlanValidator} creates one; hosts accept nothing else.
 */
public final class ValidatedPlan {
  private final Plan plan;
  private final String digest;
  private final Map<String, byte[]> blobs;
  private final PolicyEngine policy;
  private final List<ComponentVerification> verifications;

  ValidatedPlan(
      Plan plan,
      String digest,
      Map<String, byte[]> blobs,
      List<ComponentVerification> verifications) {
    this.plan = plan;
    this.digest = digest;
    this.blobs = Map.copyOf(blobs);
    this.policy = new PolicyEngine(plan.policy());
    this.verifications = List.copyOf(verifications);
  }

  /**
   * What the blobs phase established for each component, in plan order: digest re-verified and the
   * signature status ({@link SignatureStatus#UNSIGNED_NOT_REQUIRED} when the plan asked for none).
   */
  public List<ComponentVerification> verifications() {
    return verifications;
  }

  public Plan plan() {
    return plan;
  }

  /** {@code sha256:<hex>} of the plan's canonical CBOR. */
  public String digest() {
    return digest;
  }

  public String tenant() {
    return plan.tenant();
  }

  /** The verified module bytes of a component (a copy). */
  public byte[] blob(String componentId) {
    byte[] bytes = blobs.get(componentId);
    if (bytes == null) {
      throw new IllegalArgumentException("no component " + componentId);
    }
    return bytes.clone();
  }

  public PolicyEngine policy() {
    return policy;
  }

  @Override
  public String toString() {
    return "ValidatedPlan[" + digest + ", tenant=" + plan.tenant() + "]";
  }
}
