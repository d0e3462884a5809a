package dev.mosaic.dsl.ast;

/**
 * A named, typed record field or function parameter.
 *
 * @param name field name
 * @param type its type
 * @param span the whole {@code name: type}
 */
public record FieldDef(String name, TypeRef type, Span span) implements Node {}
