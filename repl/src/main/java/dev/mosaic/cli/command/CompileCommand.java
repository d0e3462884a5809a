package dev.mosaic.cli.command;

import dev.mosaic.cli.options.ScriptOptions;
import dev.mosaic.cli.options.StoreOptions;
import dev.mosaic.interpreter.CompileResult;
import dev.mosaic.interpreter.Mosaic;
import dev.mosaic.interpreter.compiler.CapabilityReach;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.PlanCodec;
import dev.mosaic.plan.diag.ExitCodes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mosaic compile FILE -o plan.cbor}. */
@Command(
    name = "compile",
    mixinStandardHelpOptions = true,
    description =
        "Compile a script to a plan (canonical CBOR) and print its digest. Component files are"
            + " added to the tenant's blob store.")
public final class CompileCommand implements Callable<Integer>, Failures.SourceAware {
  @Parameters(paramLabel = "FILE", description = "The .mosaic script to compile.")
  Path file;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "PLAN",
      description = "Where to write the plan (default: FILE with .cbor).")
  Path output;

  @Option(
      names = "--reach",
      description =
          "Also print, for each component, the capabilities it can use directly and those it"
              + " can reach through bindings.")
  boolean reach;

  @Mixin StoreOptions store;

  @Mixin ScriptOptions scripts;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  private String source;
  private Map<String, String> sources = Map.of();

  @Override
  public Integer call() {
    try (Mosaic mosaic = scripts.apply(store.builder()).build()) {
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
      byte[] bytes = mosaic.encode(compiled.plan());
      Path target = output != null ? output : defaultOutput(file);
      try {
        Files.write(target, bytes);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      spec.commandLine().getOut().println(PlanCodec.digestOf(bytes) + "  " + target);
      if (reach) {
        spec.commandLine().getOut().print(CapabilityReach.render(compiled.reach()));
        spec.commandLine().getOut().flush();
      }
      return ExitCodes.OK;
    }
  }

  private static Path defaultOutput(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return file.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".cbor");
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
