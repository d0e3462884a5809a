package dev.mosaic.cli.command;

import dev.mosaic.cli.Main;
import dev.mosaic.cli.options.Environment;
import dev.mosaic.cli.options.HostOptions;
import dev.mosaic.cli.options.ScriptOptions;
import dev.mosaic.cli.options.StoreOptions;
import dev.mosaic.cli.repl.Repl;
import dev.mosaic.interpreter.Mosaic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jline.terminal.Terminal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mosaic repl [FILE]}. */
@Command(
    name = "repl",
    mixinStandardHelpOptions = true,
    description = {
      "Start the interactive shell. Declarations accumulate for the session; statements run at"
          + " once. Type :help inside for commands.",
      "With FILE, the session starts from that script as with :load."
    })
public final class ReplCommand implements Callable<Integer> {
  @Parameters(arity = "0..1", paramLabel = "FILE", description = "A script to start from.")
  Path file;

  @Option(
      names = "--history",
      paramLabel = "FILE",
      description = "History file (default: $MOSAIC_HOME/history or ~/.mosaic/history).")
  Path history;

  @Mixin StoreOptions store;

  @Mixin ScriptOptions scripts;

  @Option(
      names = "--audit-dir",
      paramLabel = "DIR",
      description =
          "Per-tenant audit logs, shown by :audit (default: audit/ beside the store, e.g."
              + " $MOSAIC_HOME/audit).")
  Path auditDir;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Environment env = ((Main) spec.root().userObject()).environment();
    Path historyFile = history != null ? history : defaultHistory();
    try (Terminal terminal = env.terminal().open();
        Repl repl =
            new Repl(
                terminal,
                scripts.apply(store.builder()),
                historyFile,
                Path.of("").toAbsolutePath(),
                auditDir != null
                    ? auditDir
                    : HostOptions.defaultAuditDirectory(store.directory()))) {
      if (file != null) {
        repl.handle(":load " + file);
      }
      return repl.run();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path defaultHistory() {
    return Mosaic.defaultStore().resolveSibling("history");
  }
}
