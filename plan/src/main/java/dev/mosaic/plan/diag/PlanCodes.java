package dev.mosaic.plan.diag;

import dev.mosaic.plan.SystemLimits;

/**
 * Error codes raised by the plan module, by band. Every code is listed with a bad example and its
 * fix in docs/errors.md; the exit code of the command line follows from the band (see {@link
 * ExitCodes#forCode}).
 */
public final class PlanCodes {
  // E3xxx: plan schema

  /**
   * The bytes are not CBOR: truncated, reserved header, bytes after the plan, empty input, bad
   * UTF-8.
   */
  public static final String MALFORMED_CBOR = "E3001";

  /** Valid CBOR that is not the one deterministic encoding (RFC 8949 §4.2.1). */
  public static final String NOT_CANONICAL = "E3002";

  /** The plan's format version is not one this host reads. */
  public static final String UNSUPPORTED_VERSION = "E3003";

  /** A required field is absent. */
  public static final String MISSING_FIELD = "E3004";

  /** A field or item has the wrong CBOR type (major type, tag, float, null). */
  public static final String WRONG_TYPE = "E3005";

  /** A string, array or map declares a length larger than any plan could hold (e.g. 2^63). */
  public static final String LENGTH_BEYOND_INPUT = "E3006";

  /** A component digest is not {@code sha256:<64 lowercase hex>}. */
  public static final String BAD_DIGEST = "E3007";

  /** Two components share an id. */
  public static final String DUPLICATE_COMPONENT = "E3008";

  /** A map holds the same key twice. */
  public static final String DUPLICATE_KEY = "E3009";

  /** A map holds a field this format version does not define. */
  public static final String UNKNOWN_FIELD = "E3010";

  /** A tenant, component id or function name is empty or uses characters plans do not allow. */
  public static final String INVALID_NAME = "E3011";

  /** A component's signature requirement names no verifier or an empty key reference. */
  public static final String BAD_SIGNATURE_REQUIREMENT = "E3012";

  /** A policy rule's effect is neither {@code allow} nor {@code deny}, or a pattern is empty. */
  public static final String BAD_POLICY_RULE = "E3013";

  /** A function type names a value type other than i32, i64, f32, f64. */
  public static final String BAD_VALUE_TYPE = "E3014";

  // E4xxx: blobs and signatures (E40xx missing: exit 66; E41xx integrity: exit 77; E42xx: 65)

  /** A blob could not be read from the store (i/o failure; the tool's own E0002). */
  public static final String BLOB_UNREADABLE = "E0002";

  /** The tenant's store has no blob with the component's digest. */
  public static final String BLOB_MISSING = "E4001";

  /** The stored bytes no longer hash to their digest. */
  public static final String BLOB_DIGEST_MISMATCH = "E4101";

  // Signature outcomes share their codes with dev.mosaic.hsm.signature.SignatureCodes, so a user
  // sees one code per failure whether the blobs phase or a verifier reports it.

  /** A signature is required but none is stored for the blob (same as hsm's E4110). */
  public static final String SIGNATURE_MISSING = "E4110";

  /** A signature was found but does not verify over the blob (same as hsm's E4111). */
  public static final String SIGNATURE_INVALID = "E4111";

  /** The signature verifies but its signer is not trusted for it (same as hsm's E4112). */
  public static final String SIGNER_UNTRUSTED = "E4112";

  /** None of the verifiers a requirement accepts is installed in this host (hsm's E4115). */
  public static final String NO_VERIFIER = "E4115";

  /** A blob is larger than {@link SystemLimits#maxBlobBytes()}. */
  public static final String BLOB_TOO_LARGE = "E4202";

  /** A blob is not a core wasm module: bad header, truncated, malformed section or number. */
  public static final String NOT_WASM = "E4201";

  /** A module's imports (module, name, kind, type) differ from what the plan declares for it. */
  public static final String IMPORTS_DIFFER = "E4203";

  /** A module's function exports (name, type) differ from what the plan declares for it. */
  public static final String EXPORTS_DIFFER = "E4204";

  /** A blob is a component of the WebAssembly component model where a core module is needed. */
  public static final String COMPONENT_BINARY = "E4205";

  // E5xxx: graph

  /** Bindings form a cycle; the message names its path. */
  public static final String CYCLE = "E5001";

  /** A component is neither bound to another nor an entry point in a plan that has entry points. */
  public static final String DISCONNECTED = "E5002";

  /** The longest chain of bound components is longer than {@link SystemLimits#maxGraphDepth()}. */
  public static final String TOO_DEEP = "E5003";

  // E6xxx: bindings

  /** A binding names a component the plan does not declare. */
  public static final String UNKNOWN_COMPONENT = "E6001";

  /** A binding names an export the component does not declare. */
  public static final String UNKNOWN_EXPORT = "E6002";

  /** The two ends of a binding have different function types. */
  public static final String TYPE_MISMATCH = "E6003";

  /** A component import (other than a capability) is not bound. */
  public static final String DANGLING_IMPORT = "E6004";

  /** A binding names an import the component does not declare. */
  public static final String UNKNOWN_IMPORT = "E6005";

  /** An entry point names a component or export that does not exist. */
  public static final String UNKNOWN_ENTRY = "E6006";

  /** One import is bound more than once. */
  public static final String IMPORT_BOUND_TWICE = "E6007";

  /** A binding targets a capability import, which only the host provides. */
  public static final String BINDS_CAPABILITY = "E6008";

  // E7xxx: policy and capabilities

  /** A component imports a capability that the policy does not grant it. */
  public static final String CAPABILITY_NOT_GRANTED = "E7001";

  /** A policy rule or import names a capability this host does not know. */
  public static final String UNKNOWN_CAPABILITY = "E7002";

  /** A component imports a WASI function the host never links (the {@code sock_*} functions). */
  public static final String WASI_REFUSED = "E7003";

  /** A plan names another tenant than the one the embedder or {@code --tenant} binds it to. */
  public static final String TENANT_MISMATCH = "E7004";

  // E8xxx: limits

  /** The encoded plan is larger than {@link SystemLimits#maxPlanBytes()}. */
  public static final String PLAN_TOO_LARGE = "E8001";

  /** More components than {@link SystemLimits#maxComponents()}. */
  public static final String TOO_MANY_COMPONENTS = "E8002";

  /** More bindings than {@link SystemLimits#maxBindings()}. */
  public static final String TOO_MANY_BINDINGS = "E8003";

  /** Arrays and maps nest deeper than the decoder allows. */
  public static final String NESTING_TOO_DEEP = "E8004";

  /** A string in the plan is longer than the decoder allows. */
  public static final String STRING_TOO_LONG = "E8005";

  /** The plan's tenant limits ask for more than the host grants that tenant. */
  public static final String TENANT_LIMIT_EXCEEDED = "E8006";

  /** The plan has more components than its own tenant limit allows. */
  public static final String OVER_TENANT_COMPONENTS = "E8007";

  /** A component's module starts with more linear memory than the plan's tenant may use. */
  public static final String OVER_TENANT_MEMORY = "E8008";

  private PlanCodes() {}
}
