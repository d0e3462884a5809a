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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code mosaic} command. */
@Command(
    name = "mosaic",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Run composed, policy-governed WebAssembly on the JVM.",
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
  /**
   * The verbs, by name, in the order {@code --help} lists them. A command line that names one
   * builds only that verb's model (picocli reflects over every option of every registered command
   * at start, which costs a command like {@code validate} about as much as its own work); any other
   * command line, {@code --help} or a misspelt verb among them, gets all of them.
   */
  static final Map<String, Class<?>> VERBS = verbs();

  private static Map<String, Class<?>> verbs() {
    Map<String, Class<?>> verbs = new LinkedHashMap<>();
    verbs.put("run", RunCommand.class);
    verbs.put("compile", CompileCommand.class);
    verbs.put("validate", ValidateCommand.class);
    verbs.put("inspect", InspectCommand.class);
    verbs.put("exec", ExecCommand.class);
    verbs.put("blob", BlobCommand.class);
    verbs.put("sign", SignCommand.class);
    verbs.put("verify", VerifyCommand.class);
    verbs.put("explain", ExplainCommand.class);
    verbs.put("audit", AuditCommand.class);
    verbs.put("repl", ReplCommand.class);
    return Collections.unmodifiableMap(verbs);
  }

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
    Class<?> named = args.length > 0 ? VERBS.get(args[0]) : null;
    for (Class<?> verb : VERBS.values()) {
      if (named == null || verb == named) {
        cli.addSubcommand(verb);
      }
    }
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
