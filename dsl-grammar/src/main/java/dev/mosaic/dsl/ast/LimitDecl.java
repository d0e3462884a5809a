package dev.mosaic.dsl.ast;

/**
 * One tenant limit, such as {@code max-memory 16 MiB}.
 *
 * @param name limit name
 * @param amount number as written
 * @param unit unit as written, or empty
 * @param span the whole declaration
 */
public record LimitDecl(String name, long amount, String unit, Span span) implements Node {}
