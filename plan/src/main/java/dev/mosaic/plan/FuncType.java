package dev.mosaic.plan;

import java.util.List;

/**
 * A core wasm function type; value types are {@code i32}, {@code i64}, {@code f32}, {@code f64}.
 *
 * @param params parameter types
 * @param results result types
 */
public record FuncType(List<String> params, List<String> results) {
  public FuncType {
    params = List.copyOf(params);
    results = List.copyOf(results);
  }

  @Override
  public String toString() {
    return "(" + String.join(", ", params) + ") -> (" + String.join(", ", results) + ")";
  }
}
