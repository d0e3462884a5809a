package dev.mosaic.interpreter;

import dev.mosaic.dsl.ast.Span;
import dev.mosaic.plan.FunctionDecl;
import dev.mosaic.plan.SignatureRequirement;
import java.util.List;

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
 */
public record CheckedComponent(
    String name,
    String digest,
    SignatureRequirement signature,
    InterfaceModel implementsInterface,
    List<FunctionDecl> imports,
    List<FunctionDecl> exports,
    String file,
    Span span) {
  public CheckedComponent {
    imports = List.copyOf(imports);
    exports = List.copyOf(exports);
  }

  /** The export of that name, or {@code null}. */
  public FunctionDecl export(String function) {
    return exports.stream().filter(f -> f.name().equals(function)).findFirst().orElse(null);
  }
}
