package dev.mosaic.cli.repl;

import dev.mosaic.cli.CliCodes;
import dev.mosaic.interpreter.Mosaic;
import dev.mosaic.interpreter.diag.DiagnosticRenderer;
import dev.mosaic.plan.MosaicException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

/**
 * The interactive Mosaic shell: reads inputs with JLine (history in a file, completion,
 * highlighting, continuation while brackets are open), runs {@code :commands} and hands everything
 * else to a {@link Session}. Errors are shown and the session goes on.
 */
public final class Repl implements AutoCloseable {
  static final String PROMPT = "mosaic> ";
  static final String CONTINUATION = "   ...> ";

  private final PrintWriter out;
  private final Mosaic mosaic;
  private final Session session;
  private final List<ReplCommand> commands = Commands.all();
  private final LineReader reader;
  private final Path auditDir;

  /**
   * A session without an audit log ({@code :audit} says so).
   *
   * @param terminal where input comes from and output goes
   * @param mosaic a builder for the engine; its output and guest log are sent to the terminal
   * @param history file that keeps input history between sessions
   * @param baseDir directory typed component paths resolve against
   */
  public Repl(Terminal terminal, Mosaic.Builder mosaic, Path history, Path baseDir) {
    this(terminal, mosaic, history, baseDir, null);
  }

  /**
   * A session whose audit logs are written under {@code auditDir}, which {@code :audit} reads.
   *
   * @param auditDir per-tenant audit directory, or {@code null} for none
   */
  public Repl(Terminal terminal, Mosaic.Builder mosaic, Path history, Path baseDir, Path auditDir) {
    this.auditDir = auditDir;
    if (auditDir != null) {
      mosaic.auditDirectory(auditDir);
    }
    this.out = terminal.writer();
    this.mosaic = mosaic.output(out::println).guestLog(out::println).build();
    this.session = new Session(this.mosaic, out, baseDir);
    createParent(history);
    this.reader =
        LineReaderBuilder.builder()
            .terminal(terminal)
            .appName("mosaic")
            .parser(new InputParser())
            .highlighter(new SyntaxHighlighter())
            .completer(new SessionCompleter(() -> session, commands))
            .variable(LineReader.HISTORY_FILE, history)
            .variable(LineReader.SECONDARY_PROMPT_PATTERN, CONTINUATION)
            .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
            .build();
  }

  /** Reads and runs inputs until {@code :quit} or end of input; returns the exit code. */
  public int run() {
    out.println("Mosaic REPL. Type :help for commands, :quit to leave.");
    out.flush();
    while (true) {
      String line;
      try {
        line = reader.readLine(PROMPT);
      } catch (UserInterruptException e) {
        continue;
      } catch (EndOfFileException e) {
        out.println();
        break;
      }
      if (!handle(line)) {
        break;
      }
    }
    saveHistory();
    return 0;
  }

  /** Runs one input (a statement, declarations or a {@code :command}); false to end the session. */
  public boolean handle(String line) {
    try {
      String input = line.strip();
      if (input.startsWith(":")) {
        return command(input);
      }
      session.eval(line);
    } catch (MosaicException e) {
      report(e);
    } catch (UncheckedIOException e) {
      out.println("error[" + CliCodes.IO + "]: i/o failure: " + e.getCause().getMessage());
    } catch (RuntimeException e) {
      out.println("error[" + CliCodes.INTERNAL + "]: internal error: " + e);
      if (System.getenv("MOSAIC_DEBUG") != null) {
        e.printStackTrace(out);
      }
    } finally {
      out.flush();
    }
    return true;
  }

  private boolean command(String input) {
    int space = input.indexOf(' ');
    String name = space < 0 ? input.substring(1) : input.substring(1, space);
    String argument = space < 0 ? "" : input.substring(space + 1).strip();
    Optional<ReplCommand> found = commands.stream().filter(c -> c.name().equals(name)).findFirst();
    if (found.isEmpty()) {
      List<ReplCommand> prefixed =
          commands.stream().filter(c -> c.name().startsWith(name)).toList();
      if (prefixed.size() == 1 && !name.isEmpty()) {
        found = Optional.of(prefixed.getFirst());
      } else {
        out.println("error: unknown command `:" + name + "`; type :help for the list");
        return true;
      }
    }
    return found.get().run(argument, this);
  }

  Session session() {
    return session;
  }

  /** The session's audit directory, if it keeps audit logs. */
  Optional<Path> auditDir() {
    return Optional.ofNullable(auditDir);
  }

  PrintWriter out() {
    return out;
  }

  List<ReplCommand> commands() {
    return commands;
  }

  void usage(ReplCommand c) {
    out.println("usage: :" + c.name() + " " + c.arguments());
  }

  void report(MosaicException e) {
    out.print(DiagnosticRenderer.renderAll(e.diagnostics(), (String) null));
  }

  private void saveHistory() {
    try {
      reader.getHistory().save();
    } catch (IOException e) {
      out.println("warning: history not saved: " + e.getMessage());
    }
  }

  private static void createParent(Path file) {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      try {
        Files.createDirectories(parent);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Override
  public void close() {
    session.close();
    mosaic.close();
    out.flush();
  }
}
