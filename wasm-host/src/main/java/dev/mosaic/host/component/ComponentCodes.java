package dev.mosaic.host.component;

/**
 * Error codes of the component reader (E421x, listed in docs/errors.md under "E421x: components").
 * Canonical ABI failures at call time use the runtime codes E9001 (the guest broke the ABI) and
 * E9004 (the host passed a value that does not fit the type).
 */
public final class ComponentCodes {
  /**
   * The bytes cannot be decoded as a component: truncated, bad LEB128, unknown opcode, bad UTF-8.
   */
  public static final String MALFORMED = "E4210";

  /** The component is larger, deeper or holds more items than the reader's limits allow. */
  public static final String LIMIT = "E4211";

  /**
   * The component decodes but breaks a rule of the component model: an index out of range, a
   * definition of the wrong sort, a duplicate or ill-formed name, a type of the wrong kind.
   */
  public static final String INVALID = "E4212";

  /** The component uses a feature of the component model that Mosaic does not support yet. */
  public static final String UNSUPPORTED = "E4213";

  /** The bytes are a core wasm module, not a component, or no wasm binary at all. */
  public static final String NOT_A_COMPONENT = "E4214";

  /**
   * A component imports an interface or function that is neither a host interface Mosaic provides
   * nor bound to another component's export.
   */
  public static final String UNKNOWN_IMPORT = "E4215";

  /**
   * A binding joins a component's import to another component's export whose functions differ: one
   * is missing or its WIT type is not the same.
   */
  public static final String BINDING_MISMATCH = "E4216";

  private ComponentCodes() {}
}
