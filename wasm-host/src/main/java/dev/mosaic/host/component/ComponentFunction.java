package dev.mosaic.host.component;

import java.util.List;

/**
 * A component-level function as the host holds it: a host implementation of an imported interface
 * function, or another instance's lifted export. A component's {@code canon lower} calls it with
 * the lifted arguments and lowers what it returns.
 */
public interface ComponentFunction {
  /** The function's WIT type. */
  FuncSig sig();

  /**
   * Calls the function with Java values as {@link dev.mosaic.host.component.abi.CanonicalAbi}
   * describes them.
   *
   * @return the result, or {@code null} for a function without one
   */
  Object call(List<?> args);
}
