package dev.mosaic.cli.command;

import dev.mosaic.cli.options.HostOptions;
import dev.mosaic.cli.options.ScriptOptions;
import dev.mosaic.cli.options.StoreOptions;
import dev.mosaic.cli.options.TrustOptions;
import dev.mosaic.interpreter.CompileResult;
import dev.mosaic.interpreter.Mosaic;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.diag.ExitCodes;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mosaic run FILE}. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Compile a script, validate its plan, run it and print what it prints.")
public final class RunCommand implements Callable<Integer>, Failures.SourceAware {
  @Parameters(paramLabel = "FILE", description = "The .mosaic script to run.")
  Path file;

  @Option(
      names = "--tenant",
      paramLabel = "NAME",
      description =
          "Run the script only if it declares this tenant (E7004 otherwise): use it when the"
              + " script is not trusted to choose its tenant.")
  String tenant;

  @Mixin StoreOptions store;
  @Mixin ScriptOptions scripts;
  @Mixin TrustOptions trust;

  @Mixin HostOptions host;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  private String source;
  private Map<String, String> sources = Map.of();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (HostOptions h = host;
        Mosaic mosaic =
            trust
                .apply(h.apply(scripts.apply(store.builder()), store))
                .output(out::println)
                .guestLog(out::println)
                .build()) {
      CompileResult compiled = mosaic.compile(file);
      source = compiled.source();
      sources = compiled.sources();
      if (!compiled.renderWarnings().isEmpty()) {
        spec.commandLine().getErr().print(compiled.renderWarnings());
        spec.commandLine().getErr().flush();
      }
      if (!compiled.ok()) {
        throw new MosaicException(compiled.diagnostics());
      }
      if (tenant != null) {
        mosaic.tenant(tenant).run(compiled);
      } else {
        mosaic.run(compiled);
      }
      out.flush();
      return ExitCodes.OK;
    }
  }

  @Override
  public String source() {
    return source;
  }

  @Override
  public Map<String, String> sources() {
    return sources;
  }
}
