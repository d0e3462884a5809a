package dev.mosaic.host;

/** Error codes raised while running a plan. Every code is listed in docs/errors.md. */
public final class HostCodes {
  /** The guest trapped (unreachable, out-of-bounds access, stack overflow...). */
  public static final String TRAP = "E9001";

  /** A call ran past its wall-time limit and was stopped. */
  public static final String TIMEOUT = "E9002";

  /** A module declares or grows more memory than its tenant may use. */
  public static final String MEMORY = "E9003";

  /** A call names an export that the plan does not have, or passes the wrong arguments. */
  public static final String BAD_CALL = "E9004";

  /** The engine could not instantiate or link a module. */
  public static final String LINK = "E9005";

  private HostCodes() {}
}
