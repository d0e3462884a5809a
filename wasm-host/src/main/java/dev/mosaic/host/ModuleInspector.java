package dev.mosaic.host;

import dev.mosaic.plan.FunctionDecl;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.PlanCodes;
import dev.mosaic.plan.WasmInterface;
import java.util.List;

/**
 * Reads the function imports and exports of a wasm binary without running it, with the bounded
 * reader the plan validator checks plans with ({@link WasmInterface}), so a plan the compiler
 * writes agrees with its modules by construction and a hostile module costs memory linear in its
 * size. The compiler uses this to record a component's interface in the plan; the engine checks the
 * rest of the module (code, data) when it is instantiated (E9005).
 */
public final class ModuleInspector {
  /** The bytes are not a valid wasm module. */
  public static final String INVALID_MODULE = PlanCodes.NOT_WASM;

  private ModuleInspector() {}

  /**
   * The module's function imports and exports.
   *
   * @throws MosaicException E4201 when the bytes are not a wasm module
   */
  public static ModuleInterface inspect(String name, byte[] bytes) {
    WasmInterface shape = WasmInterface.read("`" + name + "`", bytes);
    return new ModuleInterface(shape.imports(), shape.exports());
  }

  /**
   * Function imports and exports of a module.
   *
   * @param imports function imports in declaration order
   * @param exports function exports in declaration order
   */
  public record ModuleInterface(List<FunctionDecl> imports, List<FunctionDecl> exports) {
    public ModuleInterface {
      imports = List.copyOf(imports);
      exports = List.copyOf(exports);
    }
  }
}
