package dev.mosaic.host.component;

import java.util.Objects;

/**
 * A value of a WIT {@code variant}: the case's name and its payload, or null for a case without
 * payload.
 */
public record VariantValue(String caseName, Object payload) {
  public VariantValue {
    Objects.requireNonNull(caseName, "caseName");
  }

  public static VariantValue of(String caseName) {
    return new VariantValue(caseName, null);
  }
}
