package dev.mosaic.interpreter.model;

import dev.mosaic.plan.FuncType;
import java.util.ArrayList;
import java.util.List;

/**
 * Lowers interface types to core wasm types under guest ABI v1: integers and bool to {@code i32} or
 * {@code i64}, floats as they are, strings, bytes, lists and records to a {@code (ptr, len)} pair
 * of {@code i32}; such a result comes back as one {@code i64}, {@code ptr << 32 | len}.
 */
public final class Abi {
  private Abi() {}

  /** The core type of a function with these parameters and result. */
  public static FuncType lower(InterfaceModel.Function f) {
    List<String> params = new ArrayList<>();
    for (WitType.Field p : f.params()) {
      switch (p.type()) {
        case WitType.Primitive prim when scalar(prim.name()) != null ->
            params.add(scalar(prim.name()));
        default -> {
          params.add("i32");
          params.add("i32");
        }
      }
    }
    List<String> results = new ArrayList<>();
    if (f.result() != null) {
      results.add(
          f.result() instanceof WitType.Primitive prim && scalar(prim.name()) != null
              ? scalar(prim.name())
              : "i64");
    }
    return new FuncType(params, results);
  }

  private static String scalar(String primitive) {
    return switch (primitive) {
      case "s32", "u32", "bool" -> "i32";
      case "s64", "u64" -> "i64";
      case "f32" -> "f32";
      case "f64" -> "f64";
      default -> null;
    };
  }
}
