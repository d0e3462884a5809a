package dev.mosaic.cli;

import dev.mosaic.cli.command.AuditCommand;
import dev.mosaic.cli.command.BlobCommand;
import dev.mosaic.cli.command.CompileCommand;
import dev.mosaic.cli.command.ExecCommand;
import dev.mosaic.cli.command.ExplainCommand;
import dev.mosaic.cli.command.Failures;
import dev.mosaic.cli.command.InspectCommand;
import dev.mosaic.cli.command.ReplCommand;
import dev.mosaic.cli.command.RunCommand;
import dev.mosaic.cli.command.SignCommand;
import dev.mosaic.cli.command.ValidateCommand;
import dev.mosaic.cli.command.VerifyCommand;
import dev.mosaic.cli.options.Environment;
import dev.mosaic.plan.diag.ExitCodes;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code mosaic} command. */
@Command(
    name = "mosaic",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Run composed, policy-governed WebAssembly on the JVM.",
    subcommands = {
      RunCommand.class,
      CompileCommand.class,
      ValidateCommand.class,
      InspectCommand.class,
      ExecCommand.class,
      BlobCommand.class,
      SignCommand.class,
      VerifyCommand.class,
      ExplainCommand.class,
      AuditCommand.class,
      ReplCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:ok",
      "64:usage error",
      "65:input rejected (diagnostics on stderr)",
      "66:input file or blob missing",
      "70:guest failed (trap, timeout, limit)",
      "77:denied (policy, signature)"
    })
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private final Environment environment;

  private Main(Environment environment) {
    this.environment = environment;
  }

  public static void main(String[] args) {
    System.exit(
        execute(
            args,
            new PrintWriter(System.out, true),
            new PrintWriter(System.err, true),
            Environment.system()));
  }

  /**
   * Runs the command line with the given streams and returns the exit code. The streams are not
   * treated as terminals; {@code repl} reads the process's terminal.
   */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    return execute(args, out, err, Environment.detached());
  }

  /** Runs the command line with the given streams and environment; returns the exit code. */
  public static int execute(String[] args, PrintWriter out, PrintWriter err, Environment env) {
    CommandLine cli = new CommandLine(new Main(env));
    // `@path` is an argument of its own (`exec --call c.f @data.bin` passes a file's bytes), not a
    // file of more arguments.
    cli.setExpandAtFiles(false);
    cli.setOut(out);
    cli.setErr(err);
    cli.setExitCodeExceptionMapper(e -> ExitCodes.USAGE);
    cli.setExecutionExceptionHandler(new Failures());
    cli.setParameterExceptionHandler(
        (ex, a) -> {
          err.println("error: " + ex.getMessage());
          ex.getCommandLine().usage(err);
          return ExitCodes.USAGE;
        });
    return cli.execute(args);
  }

  /** What the process is attached to. */
  public Environment environment() {
    return environment;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Version from the jar manifest. */
  public static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"mosaic " + (v == null ? "dev" : v)};
    }
  }
}
