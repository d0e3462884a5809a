package dev.mosaic.plan.validate;

import dev.mosaic.plan.Plan;
import dev.mosaic.plan.verify.ComponentVerification;
import java.util.List;
import java.util.Map;

/**
 * One phase of plan validation. {@link dev.mosaic.plan.PlanValidator} runs the phases in order
 * (schema, blobs, graph, bindings); a phase reports all its errors, up to {@link
 * dev.mosaic.plan.PlanValidator#MAX_DIAGNOSTICS}, and a later phase runs only when the earlier ones
 * passed. Phases keep no state between calls, so one validator may be used from many threads.
 */
public interface ValidationPhase {

  /**
   * Checks a plan.
   *
   * @return what the phase loaded for the plan ({@link Loaded#NONE} for phases that read no blobs)
   * @throws dev.mosaic.plan.MosaicException carrying every diagnostic of this phase
   */
  Loaded check(Plan plan);

  /**
   * What the blobs phase hands on to the validated plan.
   *
   * @param blobs module bytes by component id
   * @param verifications each component's signature outcome
   */
  record Loaded(Map<String, byte[]> blobs, List<ComponentVerification> verifications) {
    /** Nothing loaded. */
    public static final Loaded NONE = new Loaded(Map.of(), List.of());
  }
}
