package dev.mosaic.host;

import dev.mosaic.plan.FuncType;
import java.util.List;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * A host function a guest imports from the {@code mosaic} module.
 *
 * @param name import field name, e.g. {@code secret_hmac}
 * @param type the core wasm type the import must have
 * @param body the implementation
 */
public record HostFunction(String name, FuncType type, ProxyExecutable body) {
  public static FuncType type(List<String> params, List<String> results) {
    return new FuncType(params, results);
  }

  public static final List<String> NONE = List.of();
  public static final List<String> I32 = List.of("i32");
  public static final List<String> I64 = List.of("i64");
  public static final List<String> PTR_LEN = List.of("i32", "i32");
  public static final List<String> TWO_PTR_LEN = List.of("i32", "i32", "i32", "i32");
}
