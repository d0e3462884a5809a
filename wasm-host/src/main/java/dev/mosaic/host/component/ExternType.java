package dev.mosaic.host.component;

/** The type of an import or export, as written: a sort and the index of its type. */
public sealed interface ExternType {
  record CoreModule(int coreTypeIndex) implements ExternType {}

  record Func(int typeIndex) implements ExternType {}

  /** {@code (type (eq i))}: the same type as type {@code i}. */
  record TypeEq(int typeIndex) implements ExternType {}

  /** {@code (type (sub resource))}: a fresh abstract resource type. */
  record TypeSubResource() implements ExternType {}

  record Component(int typeIndex) implements ExternType {}

  record Instance(int typeIndex) implements ExternType {}
}
