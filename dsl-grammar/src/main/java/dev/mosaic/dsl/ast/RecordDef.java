package dev.mosaic.dsl.ast;

import java.util.List;

/**
 * {@code record name { field: type, ... }} inside an interface.
 *
 * @param name record name
 * @param fields fields in source order
 * @param span the whole definition
 */
public record RecordDef(String name, List<FieldDef> fields, Span span) implements Node {
  public RecordDef {
    fields = List.copyOf(fields);
  }
}
