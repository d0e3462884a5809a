package dev.mosaic.plan;

import dev.mosaic.plan.diag.PlanCodes;

/**
 * Per-tenant limits. A plan asks for its tenant's limits; a host may cap each tenant with its own
 * {@code TenantLimits} (see {@link PlanValidator.Builder#tenantCeiling}), and a plan that asks for
 * more is rejected with {@link PlanCodes#TENANT_LIMIT_EXCEEDED}.
 *
 * @param maxComponents components instantiated at once
 * @param maxMemoryBytes linear memory over all instances
 * @param maxExecutionMillis wall time of one call
 */
public record TenantLimits(int maxComponents, long maxMemoryBytes, long maxExecutionMillis) {
  public static final TenantLimits DEFAULT = new TenantLimits(100, 256L << 20, 5_000);

  public TenantLimits {
    if (maxComponents < 1 || maxMemoryBytes < 1 || maxExecutionMillis < 1) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }

  /** Whether every limit here is at most the corresponding one in {@code ceiling}. */
  public boolean within(TenantLimits ceiling) {
    return maxComponents <= ceiling.maxComponents
        && maxMemoryBytes <= ceiling.maxMemoryBytes
        && maxExecutionMillis <= ceiling.maxExecutionMillis;
  }
}
