package dev.mosaic.host.component;

import java.util.List;

/**
 * A component function's resolved type.
 *
 * @param params named parameters in order
 * @param result the result type, or null for a function without result
 */
public record FuncSig(List<WitType.Field> params, WitType result) {
  public FuncSig {
    params = List.copyOf(params);
  }

  public List<WitType> paramTypes() {
    return params.stream().map(WitType.Field::type).toList();
  }

  public List<WitType> resultTypes() {
    return result == null ? List.of() : List.of(result);
  }
}
