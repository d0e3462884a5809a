package dev.mosaic.host;

import com.dylibso.chicory.wasm.Parser;
import dev.mosaic.plan.FunctionDecl;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.PlanCodes;
import dev.mosaic.plan.WasmInterface;
import java.util.List;

/**
 * Reads the function imports and exports of a wasm binary without running it: Chicory's parser
 * checks that the module is well formed, {@link WasmInterface} reads its interface. The compiler
 * uses this to record a component's interface in the plan.
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
    try {
      Parser.parse(bytes);
    } catch (RuntimeException e) {
      throw new MosaicException(
          INVALID_MODULE,
          "`" + name + "` is not a valid wasm module: " + String.valueOf(e.getMessage()));
    }
    // The interface comes from the same reader the validator checks plans with, so a plan the
    // compiler writes agrees with its modules by construction.
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
