package dev.mosaic.interpreter.model;

import java.util.List;

/** A resolved interface type: a primitive, a list, or a record with its fields inlined. */
public sealed interface WitType {

  /** Primitive type names, in the order the reference lists them. */
  List<String> PRIMITIVES =
      List.of("s32", "s64", "u32", "u64", "f32", "f64", "bool", "string", "bytes");

  /** {@code s32}, {@code string} and the other {@link #PRIMITIVES}. */
  record Primitive(String name) implements WitType {}

  /** {@code list<element>}. */
  record ListOf(WitType element) implements WitType {}

  /**
   * A record: its name as declared (not part of its identity) and its fields in order.
   *
   * @param name declared name
   * @param fields fields in declaration order
   */
  record Record(String name, List<Field> fields) implements WitType {
    public Record {
      fields = List.copyOf(fields);
    }
  }

  /**
   * A named, typed record field or function parameter.
   *
   * @param name field name
   * @param type field type
   */
  record Field(String name, WitType type) {}
}
