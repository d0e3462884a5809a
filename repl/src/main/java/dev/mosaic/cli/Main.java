package dev.mosaic.cli;

import dev.mosaic.plan.ExitCodes;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code mosaic} command. */
@Command(
    name = "mosaic",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Run composed, policy-governed WebAssembly on the JVM.",
    subcommands = {RunCommand.class, CompileCommand.class, ValidateCommand.class},
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

  public static void main(String[] args) {
    System.exit(
        execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line with the given streams and returns the exit code. */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new Main());
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

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"mosaic " + (v == null ? "dev" : v)};
    }
  }
}
