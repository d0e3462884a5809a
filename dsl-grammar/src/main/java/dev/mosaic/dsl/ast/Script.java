package dev.mosaic.dsl.ast;

import java.util.List;

/**
 * A parsed script.
 *
 * @param file file name used in diagnostics
 * @param version the {@code mosaic N} line, or 0 when absent
 * @param items declarations and statements in source order
 * @param span the whole script
 * @param versionSpan the {@code mosaic N} line, or {@link Span#NONE}
 */
public record Script(String file, int version, List<Item> items, Span span, Span versionSpan)
    implements Node {
  public Script {
    items = List.copyOf(items);
  }
}
