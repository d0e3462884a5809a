package dev.mosaic.host.component;

/**
 * Bounds the reader holds hostile components to. Every count is checked before memory is taken for
 * it, so a component that claims a billion items costs a few bytes of parsing, not memory.
 *
 * @param maxBytes largest component binary read, in bytes (the host's blob limit by default)
 * @param maxDepth deepest nesting of components, component types and instance types
 * @param maxSections most sections in the whole binary, nested components included
 * @param maxItems most items (definitions, fields, cases, labels, parameters...) in the whole
 *     binary
 * @param maxTypes most type definitions in the whole binary
 * @param maxNameBytes longest name or label, in UTF-8 bytes
 * @param maxTypeDepth deepest nesting of value types once type indices are resolved
 */
public record ComponentLimits(
    long maxBytes,
    int maxDepth,
    int maxSections,
    int maxItems,
    int maxTypes,
    int maxNameBytes,
    int maxTypeDepth) {

  /** The defaults: 100 MiB, depth 16, 100,000 sections, 1,000,000 items, 100,000 types. */
  public static final ComponentLimits DEFAULT =
      new ComponentLimits(100L * 1024 * 1024, 16, 100_000, 1_000_000, 100_000, 4096, 64);

  public ComponentLimits {
    if (maxBytes <= 0
        || maxDepth <= 0
        || maxSections <= 0
        || maxItems <= 0
        || maxTypes <= 0
        || maxNameBytes <= 0
        || maxTypeDepth <= 0) {
      throw new IllegalArgumentException("component limits must be positive");
    }
  }
}
