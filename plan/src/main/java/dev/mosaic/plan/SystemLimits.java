package dev.mosaic.plan;

/**
 * Hard limits of a host, checked before work grows with input size: the plan's size before it is
 * parsed, the number of components and bindings while it is read, the graph depth before bindings
 * are checked, a blob's size before it is read.
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

  /** A builder starting from {@link #DEFAULT}. */
  public static Builder builder() {
    return new Builder(DEFAULT);
  }

  /** A builder starting from these limits. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Changes some limits and keeps the others. */
  public static final class Builder {
    private long maxPlanBytes;
    private int maxComponents;
    private int maxBindings;
    private int maxGraphDepth;
    private long maxBlobBytes;
    private long maxTotalMemoryBytes;

    private Builder(SystemLimits from) {
      maxPlanBytes = from.maxPlanBytes;
      maxComponents = from.maxComponents;
      maxBindings = from.maxBindings;
      maxGraphDepth = from.maxGraphDepth;
      maxBlobBytes = from.maxBlobBytes;
      maxTotalMemoryBytes = from.maxTotalMemoryBytes;
    }

    public Builder maxPlanBytes(long value) {
      maxPlanBytes = value;
      return this;
    }

    public Builder maxComponents(int value) {
      maxComponents = value;
      return this;
    }

    public Builder maxBindings(int value) {
      maxBindings = value;
      return this;
    }

    public Builder maxGraphDepth(int value) {
      maxGraphDepth = value;
      return this;
    }

    public Builder maxBlobBytes(long value) {
      maxBlobBytes = value;
      return this;
    }

    public Builder maxTotalMemoryBytes(long value) {
      maxTotalMemoryBytes = value;
      return this;
    }

    /**
     * The limits.
     *
     * @throws IllegalArgumentException when a limit is not positive
     */
    public SystemLimits build() {
      return new SystemLimits(
          maxPlanBytes,
          maxComponents,
          maxBindings,
          maxGraphDepth,
          maxBlobBytes,
          maxTotalMemoryBytes);
    }
  }
}
