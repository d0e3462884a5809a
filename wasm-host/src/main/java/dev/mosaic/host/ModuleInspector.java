package dev.mosaic.host;

import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.CustomSection;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.UnknownCustomSection;
import com.dylibso.chicory.wasm.types.ValType;
import dev.mosaic.plan.Diagnostic;
import dev.mosaic.plan.FuncType;
import dev.mosaic.plan.FunctionDecl;
import dev.mosaic.plan.MosaicException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the function imports and exports of a wasm binary with Chicory's parser, without running
 * it. The compiler uses this to record a component's interface in the plan.
 */
public final class ModuleInspector {
  /** The bytes are not a valid wasm module. */
  public static final String INVALID_MODULE = "E4201";

  /** The bytes are a component of the WebAssembly component model, not a core module. */
  public static final String COMPONENT_BINARY = "E4203";

  private ModuleInspector() {}

  /**
   * The module's function imports and exports.
   *
   * @throws MosaicException E4201 when the bytes are not a wasm module, E9007 when its {@code
   *     mosaic.abi} section is malformed or does not match its exports
   */
  public static ModuleInterface inspect(String name, byte[] bytes) {
    refuseComponent(name, bytes);
    WasmModule module;
    try {
      module = Parser.parse(bytes);
    } catch (RuntimeException e) {
      throw new MosaicException(
          INVALID_MODULE,
          "`" + name + "` is not a valid wasm module: " + String.valueOf(e.getMessage()));
    }
    List<FunctionDecl> imports = new ArrayList<>();
    int importedFunctions = 0;
    for (int i = 0; i < module.importSection().importCount(); i++) {
      Import imp = module.importSection().getImport(i);
      if (imp instanceof FunctionImport f) {
        imports.add(
            new FunctionDecl(
                imp.module(), imp.name(), type(module.typeSection().getType(f.typeIndex()))));
        importedFunctions++;
      }
    }
    List<FunctionDecl> exports = new ArrayList<>();
    for (int i = 0; i < module.exportSection().exportCount(); i++) {
      Export e = module.exportSection().getExport(i);
      if (e.exportType() != ExternalType.FUNCTION) {
        continue;
      }
      FunctionType t;
      if (e.index() < importedFunctions) {
        FunctionImport f = (FunctionImport) functionImport(module, e.index());
        t = module.typeSection().getType(f.typeIndex());
      } else {
        t =
            module
                .functionSection()
                .getFunctionType(e.index() - importedFunctions, module.typeSection());
      }
      exports.add(new FunctionDecl("", e.name(), type(t)));
    }
    Map<String, AbiSignature> declared = new TreeMap<>();
    for (CustomSection s : module.customSections()) {
      if (s instanceof UnknownCustomSection u && AbiDeclarations.SECTION.equals(u.name())) {
        declared.putAll(AbiDeclarations.parse(name, u.bytes(), exports).declared());
      }
    }
    return new ModuleInterface(imports, exports, declared);
  }

  /**
   * Refuses a component-model binary: the wasm magic followed by a layer other than a core module's
   * (a component's version bytes are {@code 0d 00 01 00}), which Mosaic cannot run yet.
   *
   * @throws MosaicException E4203 for a component
   */
  public static void refuseComponent(String name, byte[] bytes) {
    if (bytes.length >= 8
        && bytes[0] == 0
        && bytes[1] == 'a'
        && bytes[2] == 's'
        && bytes[3] == 'm'
        && bytes[6] == 1
        && bytes[7] == 0
        && !(bytes[4] == 1 && bytes[5] == 0)) {
      throw new MosaicException(
          Diagnostic.of(
                  COMPONENT_BINARY,
                  "`"
                      + name
                      + "` is a WebAssembly component (component model), not a core module;"
                      + " components are not yet supported")
              .withHelp(
                  "build a core module: Rust `--target wasm32-wasip1` (not wasip2), clang"
                      + " `--target=wasm32-wasi`, and no `wasm-tools component new`"));
    }
  }

  private static Import functionImport(WasmModule module, int functionIndex) {
    int seen = 0;
    for (int i = 0; i < module.importSection().importCount(); i++) {
      Import imp = module.importSection().getImport(i);
      if (imp instanceof FunctionImport) {
        if (seen++ == functionIndex) {
          return imp;
        }
      }
    }
    throw new IllegalStateException("function index out of range");
  }

  private static FuncType type(FunctionType t) {
    return new FuncType(
        t.params().stream().map(ModuleInspector::name).toList(),
        t.returns().stream().map(ModuleInspector::name).toList());
  }

  private static String name(ValType v) {
    if (v.equals(ValType.I32)) {
      return "i32";
    } else if (v.equals(ValType.I64)) {
      return "i64";
    } else if (v.equals(ValType.F32)) {
      return "f32";
    } else if (v.equals(ValType.F64)) {
      return "f64";
    } else if (v.equals(ValType.V128)) {
      return "v128";
    }
    return "ref";
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
    public ModuleInterface {
      imports = List.copyOf(imports);
      exports = List.copyOf(exports);
      declared = Map.copyOf(declared);
    }
  }
}
