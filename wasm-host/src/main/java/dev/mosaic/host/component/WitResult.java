package dev.mosaic.host.component;

/**
 * A value of a WIT {@code result<T, E>}: {@link Ok} or {@link Err}, each with a payload that is
 * null when that side of the result has no type.
 */
public sealed interface WitResult {
  /** The payload, or null. */
  Object value();

  record Ok(Object value) implements WitResult {}

  record Err(Object value) implements WitResult {}

  static WitResult ok(Object value) {
    return new Ok(value);
  }

  static WitResult err(Object value) {
    return new Err(value);
  }
}
