package dev.mosaic.plan;

/**
 * Hard limits of a host, checked before work grows with input size.
 *
 * @param maxPlanBytes encoded plan size
 * @param maxComponents components in one plan
 * @param maxBindings bindings in one plan
 * @param maxGraphDepth longest chain of bindings
 * @param maxBlobBytes size of one blob
 * @param maxTotalMemoryBytes linear memory over all tenants
 */
public record SystemLimits(
    long maxPlanBytes,
    int maxComponents,
    int maxBindings,
    int maxGraphDepth,
    long maxBlobBytes,
    long maxTotalMemoryBytes) {

  /** Defaults from the architecture page. */
  public static final SystemLimits DEFAULT =
      new SystemLimits(1L << 20, 1_000, 10_000, 100, 100L << 20, 1L << 30);
}
