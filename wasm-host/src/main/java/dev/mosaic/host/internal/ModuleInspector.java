package dev.mosaic.host.internal;

import dev.mosaic.host.abi.AbiDeclarations;
import dev.mosaic.host.abi.AbiSignature;
import dev.mosaic.plan.FunctionDecl;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.diag.PlanCodes;
import dev.mosaic.plan.wasm.WasmInterface;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the function imports and exports of a wasm binary without running it, with the bounded
 * reader the plan validator checks plans with ({@link WasmInterface}), so a plan the compiler
 * writes agrees with its modules by construction and a hostile module costs memory linear in its
 * size. The compiler uses this to record a component's interface in the plan; the engine checks the
 * rest of the module (code, data) when it is instantiated (E9005).
 *
 * <p>Thread-safety: stateless and thread-safe.
 */
public final class ModuleInspector {
  /** The bytes are not a valid wasm module. */
  public static final String INVALID_MODULE = PlanCodes.NOT_WASM;

  /** The bytes are a component of the WebAssembly component model, not a core module. */
  public static final String COMPONENT_BINARY = PlanCodes.COMPONENT_BINARY;

  private ModuleInspector() {}

  /**
   * The module's function imports and exports.
   *
   * @throws MosaicException E4201 when the bytes are not a wasm module, E4205 for a component of
   *     the component model, E9007 when its {@code mosaic.abi} section is malformed or does not
   *     match its exports
   */
  public static ModuleInterface inspect(String name, byte[] bytes) {
    String what = "`" + name + "`";
    WasmInterface shape = WasmInterface.read(what, bytes);
    Map<String, AbiSignature> declared = new TreeMap<>();
    byte[] section = WasmInterface.customSection(what, bytes, AbiDeclarations.SECTION);
    if (section != null) {
      declared.putAll(AbiDeclarations.parse(name, section, shape.exports()).declared());
    }
    return new ModuleInterface(shape.imports(), shape.exports(), declared);
  }

  /**
   * Function imports and exports of a module.
   *
   * @param imports function imports in declaration order
   * @param exports function exports in declaration order
   * @param declared the signatures its {@code mosaic.abi} section declares, by export name
   */
  public record ModuleInterface(
      List<FunctionDecl> imports, List<FunctionDecl> exports, Map<String, AbiSignature> declared) {
    /** Copies the lists and the map. */
    public ModuleInterface {
      imports = List.copyOf(imports);
      exports = List.copyOf(exports);
      declared = Map.copyOf(declared);
    }
  }
}
