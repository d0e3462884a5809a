package dev.mosaic.plan;

import java.util.List;
import java.util.Objects;

/**
 * A wasm module in a plan, named by the SHA-256 digest of its bytes.
 *
 * @param id name unique within the plan
 * @param digest {@code sha256:<64 lowercase hex>}
 * @param imports functions the module imports, capability imports included
 * @param exports functions the module exports
 * @param signature the signature the blob must carry, {@link SignatureRequirement#NONE} when none
 * @param wit the WIT-level imports and exports when the blob is a component, else {@link
 *     WitWorld#NONE}
 */
public record Component(
    String id,
    String digest,
    List<FunctionDecl> imports,
    List<FunctionDecl> exports,
    SignatureRequirement signature,
    WitWorld wit) {

  public Component {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(digest, "digest");
    imports = List.copyOf(imports);
    exports = List.copyOf(exports);
    signature = signature == null ? SignatureRequirement.NONE : signature;
    wit = wit == null ? WitWorld.NONE : wit;
  }

  /** A core module (no WIT world). */
  public Component(
      String id,
      String digest,
      List<FunctionDecl> imports,
      List<FunctionDecl> exports,
      SignatureRequirement signature) {
    this(id, digest, imports, exports, signature, WitWorld.NONE);
  }

  /** A component without a signature requirement. */
  public Component(
      String id, String digest, List<FunctionDecl> imports, List<FunctionDecl> exports) {
    this(id, digest, imports, exports, SignatureRequirement.NONE);
  }
}
