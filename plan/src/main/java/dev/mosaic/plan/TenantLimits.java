package dev.mosaic.plan;

/**
 * Limits a plan asks for its tenant; a host clamps them to its own {@link SystemLimits}.
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
}
