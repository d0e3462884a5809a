package dev.mosaic.host.abi;

import dev.mosaic.host.HostCodes;
import dev.mosaic.plan.FuncType;
import dev.mosaic.plan.MosaicException;
import java.util.ArrayList;
import java.util.List;

/**
 * The ABI-level signature of an exported function, as declared in a module's {@code mosaic.abi}
 * custom section: {@code greet: string, i32 -> string}.
 *
 * @param params parameter kinds
 * @param result result kind, or {@code null} for no result
 *     <p>Thread-safety: immutable.
 */
public record AbiSignature(List<AbiKind> params, AbiKind result) {
  /** Copies {@code params}. */
  public AbiSignature {
    params = List.copyOf(params);
  }

  /**
   * The signature of a function with only numeric values, read from its core type.
   *
   * @throws MosaicException E9004 when the type holds a value guest ABI v1 cannot pass ({@code
   *     v128}, references)
   */
  public static AbiSignature numeric(FuncType type) {
    List<AbiKind> ps = new ArrayList<>();
    for (String p : type.params()) {
      ps.add(numericKind(p, type));
    }
    AbiKind r = type.results().isEmpty() ? null : numericKind(type.results().getFirst(), type);
    return new AbiSignature(ps, r);
  }

  private static AbiKind numericKind(String core, FuncType type) {
    AbiKind k = AbiKind.parse(core);
    if (k == null || k.inMemory()) {
      throw new MosaicException(
          HostCodes.BAD_CALL,
          "a function of type "
              + type
              + " takes or returns `"
              + core
              + "`, which guest ABI v1"
              + " cannot pass");
    }
    return k;
  }

  /** The core wasm type this signature lowers to. */
  public FuncType lower() {
    List<String> ps = new ArrayList<>();
    params.forEach(k -> ps.addAll(k.paramCoreTypes()));
    return new FuncType(ps, result == null ? List.of() : List.of(result.resultCoreType()));
  }

  /** True when a parameter or the result lives in guest memory. */
  public boolean usesMemory() {
    return (result != null && result.inMemory()) || params.stream().anyMatch(AbiKind::inMemory);
  }

  @Override
  public String toString() {
    return String.join(", ", params.stream().map(AbiKind::text).toList())
        + " -> "
        + (result == null ? "" : result.text());
  }
}
