package dev.mosaic.cli.options;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.terminal.spi.SystemStream;
import org.jline.terminal.spi.TerminalProvider;

/**
 * What the command line is attached to: the terminal a REPL reads from, the raw stdout for binary
 * output, and whether stdout and stderr are terminals (binary refusal, progress bars). Tests build
 * their own; {@link #system()} describes the real process and probes each stream the first time a
 * command asks (probing loads a native terminal provider, which most commands never need).
 */
public final class Environment {
  private final TerminalSource terminal;
  private final OutputStream binaryOut;
  private final BooleanSupplier stdoutIsTerminal;
  private final BooleanSupplier stderrIsTerminal;

  /**
   * An environment with known stream kinds.
   *
   * @param terminal opens the terminal the REPL uses
   * @param binaryOut raw standard output, for blob bytes
   * @param stdoutIsTerminal whether standard output is a terminal
   * @param stderrIsTerminal whether standard error is a terminal
   */
  public Environment(
      TerminalSource terminal,
      OutputStream binaryOut,
      boolean stdoutIsTerminal,
      boolean stderrIsTerminal) {
    this(terminal, binaryOut, () -> stdoutIsTerminal, () -> stderrIsTerminal);
  }

  private Environment(
      TerminalSource terminal,
      OutputStream binaryOut,
      BooleanSupplier stdoutIsTerminal,
      BooleanSupplier stderrIsTerminal) {
    this.terminal = terminal;
    this.binaryOut = binaryOut;
    this.stdoutIsTerminal = stdoutIsTerminal;
    this.stderrIsTerminal = stderrIsTerminal;
  }

  /** Opens the terminal the REPL uses. */
  public TerminalSource terminal() {
    return terminal;
  }

  /** Raw standard output, for blob bytes. */
  public OutputStream binaryOut() {
    return binaryOut;
  }

  /** Whether standard output is a terminal. */
  public boolean stdoutIsTerminal() {
    return stdoutIsTerminal.getAsBoolean();
  }

  /** Whether standard error is a terminal. */
  public boolean stderrIsTerminal() {
    return stderrIsTerminal.getAsBoolean();
  }

  /** Opens a terminal. */
  @FunctionalInterface
  public interface TerminalSource {
    Terminal open() throws IOException;
  }

  /** The real process: the system terminal, and stream kinds probed through JLine. */
  public static Environment system() {
    return new Environment(
        Environment::systemTerminal,
        System.out,
        probe(SystemStream.Output),
        probe(SystemStream.Error));
  }

  /**
   * The real process's terminal and stdout, for callers whose writers may be anything: streams are
   * not treated as terminals, so nothing interactive (progress bars) is written to them.
   */
  public static Environment detached() {
    return new Environment(Environment::systemTerminal, System.out, false, false);
  }

  // dumb(true): when stdin is not a terminal (input piped in), read it through a dumb terminal
  // quietly instead of logging a warning.
  private static Terminal systemTerminal() throws IOException {
    return TerminalBuilder.builder().system(true).dumb(true).name("mosaic").build();
  }

  private static BooleanSupplier probe(SystemStream stream) {
    return new BooleanSupplier() {
      // 0: not probed yet, 1: a terminal, 2: not a terminal
      private volatile int known;

      @Override
      public boolean getAsBoolean() {
        if (known == 0) {
          known = isTerminal(stream) ? 1 : 2;
        }
        return known == 1;
      }
    };
  }

  // The FFM provider needs native access (the launcher grants it); the others are fallbacks.
  private static boolean isTerminal(SystemStream stream) {
    for (String name : List.of("ffm", "jni", "exec")) {
      try {
        return TerminalProvider.load(name).isSystemStream(stream);
      } catch (IOException | RuntimeException | LinkageError e) {
        // try the next provider
      }
    }
    return false;
  }
}
