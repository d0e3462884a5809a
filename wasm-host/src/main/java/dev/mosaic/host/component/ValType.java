package dev.mosaic.host.component;

/**
 * A value type as written in the binary: a primitive, or the index of a defined value type in the
 * type index space of the enclosing scope.
 */
public sealed interface ValType permits Primitive, ValType.Ref {
  /** A reference to type {@code index} of the enclosing scope's type index space. */
  record Ref(int index) implements ValType {}
}
