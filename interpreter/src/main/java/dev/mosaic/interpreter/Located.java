package dev.mosaic.interpreter;

import dev.mosaic.dsl.ast.Item;

/**
 * An item together with the file it was written in; {@code load} brings items from several files
 * into one compilation.
 *
 * @param file file name used in diagnostics
 * @param item the item
 */
public record Located(String file, Item item) {}
