package dev.mosaic.dsl.ast;

import java.util.List;

/**
 * {@code name: func(param: type, ...) -> type} inside an interface.
 *
 * @param name function name
 * @param params parameters in source order
 * @param result the result type, or {@code null} for none
 * @param span the whole definition
 */
public record FuncDef(String name, List<FieldDef> params, TypeRef result, Span span)
    implements Node {
  public FuncDef {
    params = List.copyOf(params);
  }
}
