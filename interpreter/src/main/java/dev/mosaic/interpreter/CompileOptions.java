package dev.mosaic.interpreter;

import java.util.Set;

/**
 * How a script is compiled. Files use {@link #DEFAULT}; an interactive session compiles each input
 * with {@link #session(Set)}.
 *
 * @param predefinedVariables variables that exist before the script runs (values known only at run
 *     time)
 * @param checkGrants whether a component importing a capability the policy does not grant is a
 *     compile error (E7001 at the component). A session turns this off because its policy may come
 *     in a later input; the plan validator still refuses such a plan before any guest runs.
 */
public record CompileOptions(Set<String> predefinedVariables, boolean checkGrants) {
  /** How a script file is compiled: no predefined variables, grants checked. */
  public static final CompileOptions DEFAULT = new CompileOptions(Set.of(), true);

  /** Copies the variables. */
  public CompileOptions {
    predefinedVariables = Set.copyOf(predefinedVariables);
  }

  /** Options for one input of an interactive session that has the given variables. */
  public static CompileOptions session(Set<String> variables) {
    return new CompileOptions(variables, false);
  }
}
