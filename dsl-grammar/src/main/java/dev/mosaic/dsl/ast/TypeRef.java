package dev.mosaic.dsl.ast;

/** A type as written in an interface: a name ({@code s32}, a record) or {@code list<T>}. */
public sealed interface TypeRef extends Node {

  /** A primitive or record type by name. */
  record Named(String name, Span span) implements TypeRef {}

  /** {@code list<element>}. */
  record ListOf(TypeRef element, Span span) implements TypeRef {}
}
