package dev.mosaic.host;

/**
 * Error codes raised while running a plan. Every code is listed in docs/errors.md.
 *
 * <p>Thread-safety: constants only.
 */
public final class HostCodes {
  /** The guest trapped (unreachable, out-of-bounds access, stack overflow...). */
  public static final String TRAP = "E9001";

  /** A call ran past its wall-time limit and was stopped. */
  public static final String TIMEOUT = "E9002";

  /** A module's memory is not acceptable: over a cap at its start, shared, imported or several. */
  public static final String MEMORY = "E9003";

  /** A call names an export that the plan does not have, or passes the wrong arguments. */
  public static final String BAD_CALL = "E9004";

  /** The engine could not instantiate or link a module. */
  public static final String LINK = "E9005";

  /** The guest ran out of call stack (runaway recursion). */
  public static final String STACK = "E9006";

  /** A module's {@code mosaic.abi} declarations are malformed or do not match its exports. */
  public static final String ABI = "E9007";

  /**
   * A call was made on a composition that is closed (by its owner, after a timeout, or with its
   * host), or the host or facade itself is closed.
   */
  public static final String CLOSED = "E9008";

  /** A module defines more tables, or starts with more table elements, than the host allows. */
  public static final String TABLES = "E9009";

  /** The host ran out of heap while a guest ran (never reported as a stack exhaustion). */
  public static final String HOST_MEMORY = "E9010";

  /** A WASI command called {@code proc_exit} with a status other than 0. */
  public static final String EXIT = "E9011";

  /** Closing the host left a tenant (its compositions, engine or audit log) not closed cleanly. */
  public static final String CLOSE_FAILED = "E9012";

  /** The tenant made calls faster than its rate limit allows. */
  public static final String CALL_RATE = "E9101";

  /** The tenant loaded plans faster than its rate limit allows. */
  public static final String LOAD_RATE = "E9102";

  /** The tenant already runs as many compositions as the host allows. */
  public static final String TOO_MANY_COMPOSITIONS = "E9103";

  /** The tenant would run more components than its limit. */
  public static final String TOO_MANY_COMPONENTS = "E9104";

  /** The tenant's live compositions would reserve more linear memory than its limit. */
  public static final String TENANT_MEMORY = "E9105";

  /** The tenant's live compositions would reserve more table elements than its limit. */
  public static final String TENANT_TABLES = "E9106";

  private HostCodes() {}
}
