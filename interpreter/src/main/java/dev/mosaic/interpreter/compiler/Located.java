package dev.mosaic.interpreter.compiler;

import dev.mosaic.dsl.ast.Item;
import java.nio.file.Path;

/**
 * An item together with the file it was written in; {@code load} brings items from several files
 * into one compilation.
 *
 * @param file file name used in diagnostics
 * @param directory directory that relative paths in the item (component files) resolve against
 * @param item the item
 */
public record Located(String file, Path directory, Item item) {}
