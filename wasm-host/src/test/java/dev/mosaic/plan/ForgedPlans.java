package dev.mosaic.plan;

import java.util.List;
import java.util.Map;

/**
 * Makes a {@link ValidatedPlan} without the validator, as if validation had a gap: the host's own
 * checks must still refuse what the validator would have. Test code only (same package as the
 * package-private constructor).
 */
public final class ForgedPlans {
  private ForgedPlans() {}

  /** A "validated" plan of these components and module bytes, with no policy or bindings. */
  public static ValidatedPlan unchecked(
      String tenant, List<Component> components, Map<String, byte[]> blobs) {
    Plan plan =
        new Plan(
            Plan.FORMAT_VERSION,
            tenant,
            components,
            List.of(),
            List.of(),
            new TenantLimits(10, 16L << 20, 5_000),
            List.of());
    return new ValidatedPlan(plan, "sha256:" + "0".repeat(64), blobs, List.of());
  }
}
