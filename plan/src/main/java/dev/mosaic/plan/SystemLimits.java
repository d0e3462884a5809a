package dev.mosaic.plan;

/**
 * Hard limits of a host, checked before work grows with input size: the plan's size before it is
 * parsed, the number of components and bindings while it is read, the graph depth before bindings
 * are checked, a blob's size before it is read.
 *
 * <p>Change some limits with the {@code with*} methods, as {@code HostLimits} does: {@code
 * SystemLimits.DEFAULT.withMaxPlanBytes(100)}.
 *
 * @param maxPlanBytes encoded plan size
 * @param maxComponents components in one plan
 * @param maxBindings bindings in one plan
 * @param maxGraphDepth components on the longest chain of bindings
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

  /** The defaults docs/errors.md gives for E8001 to E8006 and E4202. */
  public static final SystemLimits DEFAULT =
      new SystemLimits(1L << 20, 1_000, 10_000, 100, 100L << 20, 1L << 30);

  public SystemLimits {
    if (maxPlanBytes < 1
        || maxComponents < 1
        || maxBindings < 0
        || maxGraphDepth < 1
        || maxBlobBytes < 1
        || maxTotalMemoryBytes < 1) {
      throw new IllegalArgumentException("system limits must be positive");
    }
    if (maxPlanBytes > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("a plan is read into one array: at most 2 GiB");
    }
  }

  /**
   * These limits with another encoded plan size.
   *
   * @throws IllegalArgumentException when the value is out of range
   */
  public SystemLimits withMaxPlanBytes(long value) {
    return new SystemLimits(
        value, maxComponents, maxBindings, maxGraphDepth, maxBlobBytes, maxTotalMemoryBytes);
  }

  /**
   * These limits with another components in one plan.
   *
   * @throws IllegalArgumentException when the value is out of range
   */
  public SystemLimits withMaxComponents(int value) {
    return new SystemLimits(
        maxPlanBytes, value, maxBindings, maxGraphDepth, maxBlobBytes, maxTotalMemoryBytes);
  }

  /**
   * These limits with another bindings in one plan.
   *
   * @throws IllegalArgumentException when the value is out of range
   */
  public SystemLimits withMaxBindings(int value) {
    return new SystemLimits(
        maxPlanBytes, maxComponents, value, maxGraphDepth, maxBlobBytes, maxTotalMemoryBytes);
  }

  /**
   * These limits with another components on the longest chain of bindings.
   *
   * @throws IllegalArgumentException when the value is out of range
   */
  public SystemLimits withMaxGraphDepth(int value) {
    return new SystemLimits(
        maxPlanBytes, maxComponents, maxBindings, value, maxBlobBytes, maxTotalMemoryBytes);
  }

  /**
   * These limits with another size of one blob.
   *
   * @throws IllegalArgumentException when the value is out of range
   */
  public SystemLimits withMaxBlobBytes(long value) {
    return new SystemLimits(
        maxPlanBytes, maxComponents, maxBindings, maxGraphDepth, value, maxTotalMemoryBytes);
  }

  /**
   * These limits with another linear memory over all tenants.
   *
   * @throws IllegalArgumentException when the value is out of range
   */
  public SystemLimits withMaxTotalMemoryBytes(long value) {
    return new SystemLimits(
        maxPlanBytes, maxComponents, maxBindings, maxGraphDepth, maxBlobBytes, value);
  }
}
