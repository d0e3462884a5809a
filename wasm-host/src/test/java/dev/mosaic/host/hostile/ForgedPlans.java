package dev.mosaic.host.hostile;

import dev.mosaic.plan.Component;
import dev.mosaic.plan.Plan;
import dev.mosaic.plan.TenantLimits;
import dev.mosaic.plan.ValidatedPlan;
import java.lang.reflect.Constructor;
import java.util.List;
import java.util.Map;

/**
 * Makes a {@link ValidatedPlan} without the validator, as if validation had a gap: the host's own
 * checks must still refuse what the validator would have. Test code only: the constructor is
 * package-private, so it is called by reflection (tests run on the class path).
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
    try {
      Constructor<ValidatedPlan> constructor =
          ValidatedPlan.class.getDeclaredConstructor(
              Plan.class, String.class, Map.class, List.class);
      constructor.setAccessible(true);
      return constructor.newInstance(plan, "sha256:" + "0".repeat(64), blobs, List.of());
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("cannot forge a ValidatedPlan", e);
    }
  }
}
