package dev.mosaic.cli.repl;

/** A {@code :command} of the REPL. */
interface ReplCommand {
  /** The name typed after the colon. */
  String name();

  /** The arguments, for help: {@code FILE}. */
  String arguments();

  /** One line for {@code :help}. */
  String summary();

  /**
   * Runs the command.
   *
   * @param argument the rest of the line after the name, stripped
   * @return false to end the session
   */
  boolean run(String argument, Repl repl);
}
