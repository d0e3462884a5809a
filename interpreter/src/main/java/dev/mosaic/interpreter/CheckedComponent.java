package dev.mosaic.interpreter;

import dev.mosaic.dsl.ast.Span;
import dev.mosaic.plan.FunctionDecl;
import java.util.List;

/**
 * A component after its module was read and checked.
 *
 * @param name component name
 * @param digest {@code sha256:} digest of its module
 * @param signedBy the signer its blob must be signed by, or {@code null} when not required; the
 *     plan format has no field for it yet, so it lives here
 * @param implementsInterface the interface it declares, or {@code null}
 * @param imports the module's function imports
 * @param exports the module's function exports
 * @param file file the declaration is in
 * @param span the declaration
 */
public record CheckedComponent(
    String name,
    String digest,
    String signedBy,
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
