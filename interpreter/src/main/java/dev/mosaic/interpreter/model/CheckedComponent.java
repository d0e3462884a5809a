package dev.mosaic.interpreter.model;

import dev.mosaic.dsl.ast.Span;
import dev.mosaic.host.abi.AbiSignature;
import dev.mosaic.host.component.World;
import dev.mosaic.plan.FunctionDecl;
import dev.mosaic.plan.SignatureRequirement;
import java.util.List;
import java.util.Map;

/**
 * A component after its module was read and checked.
 *
 * @param name component name
 * @param digest {@code sha256:} digest of its module
 * @param signature the signature its blob must carry ({@code signed by}), or {@link
 *     SignatureRequirement#NONE}
 * @param implementsInterface the interface it declares, or {@code null}
 * @param imports the module's function imports
 * @param exports the module's function exports
 * @param file file the declaration is in
 * @param span the declaration
 * @param abi the export signatures its {@code mosaic.abi} section declares, by export name
 * @param world the WIT world when the blob is a WebAssembly component, else {@code null}
 */
public record CheckedComponent(
    String name,
    String digest,
    SignatureRequirement signature,
    InterfaceModel implementsInterface,
    List<FunctionDecl> imports,
    List<FunctionDecl> exports,
    String file,
    Span span,
    Map<String, AbiSignature> abi,
    World world) {
  public CheckedComponent {
    imports = List.copyOf(imports);
    exports = List.copyOf(exports);
    abi = Map.copyOf(abi);
  }

  /** A core module. */
  public CheckedComponent(
      String name,
      String digest,
      SignatureRequirement signature,
      InterfaceModel implementsInterface,
      List<FunctionDecl> imports,
      List<FunctionDecl> exports,
      String file,
      Span span,
      Map<String, AbiSignature> abi) {
    this(name, digest, signature, implementsInterface, imports, exports, file, span, abi, null);
  }

  /** A component whose module declares no string or bytes exports. */
  public CheckedComponent(
      String name,
      String digest,
      SignatureRequirement signature,
      InterfaceModel implementsInterface,
      List<FunctionDecl> imports,
      List<FunctionDecl> exports,
      String file,
      Span span) {
    this(name, digest, signature, implementsInterface, imports, exports, file, span, Map.of());
  }

  /** The declared signature of an export, or {@code null} when its module declares none. */
  public AbiSignature declared(String function) {
    return abi.get(function);
  }

  /** The export of that name, or {@code null}. */
  public FunctionDecl export(String function) {
    return exports.stream().filter(f -> f.name().equals(function)).findFirst().orElse(null);
  }
}
