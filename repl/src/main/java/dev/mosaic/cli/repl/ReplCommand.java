package dev.mosaic.cli.repl;

/**
 * A {@code :command} of the REPL, as one row of the table in {@link Commands}.
 *
 * @param name the name typed after the colon
 * @param arguments the arguments, for help: {@code FILE}
 * @param summary one line for {@code :help}
 * @param action what the command does
 */
record ReplCommand(String name, String arguments, String summary, Action action) {

  /** What a command does. */
  interface Action {
    /**
     * Runs the command.
     *
     * @param argument the rest of the line after the name, stripped
     * @return false to end the session
     */
    boolean run(String argument, Repl repl);
  }

  /** Runs the command; false ends the session. */
  boolean run(String argument, Repl repl) {
    return action.run(argument, repl);
  }
}
