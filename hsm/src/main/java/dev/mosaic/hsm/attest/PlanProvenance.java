package dev.mosaic.hsm.attest;

import dev.mosaic.plan.Plan;
import dev.mosaic.plan.PlanCodec;
import java.util.List;
import java.util.Objects;

/**
 * What a signed plan states about the plan: its file name and digest, the tenant, every component's
 * digest and the compiler version that made it.
 *
 * @param planName the plan file's name (the in-toto subject name)
 * @param planDigest {@code sha256:<hex>} of the plan's canonical CBOR bytes
 * @param tenant the plan's tenant
 * @param components every component, in plan order
 * @param compilerVersion version of the compiler that produced the plan
 */
public record PlanProvenance(
    String planName,
    String planDigest,
    String tenant,
    List<ComponentDigest> components,
    String compilerVersion) {

  public PlanProvenance {
    Objects.requireNonNull(planName, "planName");
    Objects.requireNonNull(planDigest, "planDigest");
    Objects.requireNonNull(tenant, "tenant");
    components = List.copyOf(components);
    Objects.requireNonNull(compilerVersion, "compilerVersion");
  }

  /**
   * Reads the provenance of encoded plan bytes. The bytes are decoded (so they must be a canonical
   * plan) and digested exactly as given.
   *
   * @throws dev.mosaic.plan.MosaicException E3xxx or E8001 when the bytes are not a plan
   */
  public static PlanProvenance of(String planName, byte[] planBytes, String compilerVersion) {
    Plan plan = new PlanCodec().decode(planBytes);
    return new PlanProvenance(
        planName,
        PlanCodec.digestOf(planBytes),
        plan.tenant(),
        plan.components().stream().map(c -> new ComponentDigest(c.id(), c.digest())).toList(),
        compilerVersion);
  }
}
