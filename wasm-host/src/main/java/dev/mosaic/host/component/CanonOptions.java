package dev.mosaic.host.component;

/**
 * The options of {@code canon lift} and {@code canon lower}: the string encoding and the core
 * memory, realloc and post-return functions (indices, or -1 when absent).
 */
public record CanonOptions(StringEncoding encoding, int memory, int realloc, int postReturn) {
  public static final CanonOptions NONE = new CanonOptions(StringEncoding.UTF8, -1, -1, -1);
}
