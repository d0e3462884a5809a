package dev.mosaic.cli.command;

import dev.mosaic.cli.options.ScriptOptions;
import dev.mosaic.cli.options.StoreOptions;
import dev.mosaic.cli.text.Explanation;
import dev.mosaic.cli.text.PlanFile;
import dev.mosaic.cli.text.RuleOrigins;
import dev.mosaic.interpreter.CompileResult;
import dev.mosaic.interpreter.Mosaic;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.Plan;
import dev.mosaic.plan.PlanCodec;
import dev.mosaic.plan.diag.ExitCodes;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mosaic explain SCRIPT|PLAN COMPONENT CAPABILITY [PARAM]}. */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    description = {
      "Tell whether the policy lets a component use a capability, and which rule decided:"
          + " its text and where it was declared (file:line:col in a script, its position in a"
          + " plan), or that nothing allowed it (deny by default).",
      "A file ending in .mosaic is compiled as a script; anything else is read as a plan.",
      "Exits 0 when the use is allowed and 77 when it is denied."
    })
public final class ExplainCommand implements Callable<Integer>, Failures.SourceAware {
  @Parameters(index = "0", paramLabel = "SCRIPT|PLAN", description = "A script or a plan file.")
  Path file;

  @Parameters(index = "1", paramLabel = "COMPONENT", description = "The component's name.")
  String component;

  @Parameters(index = "2", paramLabel = "CAPABILITY", description = "For example log, secret.")
  String capability;

  @Parameters(
      index = "3",
      arity = "0..1",
      paramLabel = "PARAM",
      description = "A secret name, host or path that rule patterns must match.")
  String parameter;

  @Mixin StoreOptions store;

  @Mixin ScriptOptions scripts;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  private String source;

  @Override
  public Integer call() {
    Plan plan;
    RuleOrigins origins;
    if (file.getFileName().toString().endsWith(".mosaic")) {
      try (Mosaic mosaic = scripts.apply(store.builder()).build()) {
        CompileResult compiled = mosaic.compile(file);
        source = compiled.source();
        if (!compiled.ok()) {
          throw new MosaicException(compiled.diagnostics());
        }
        plan = compiled.plan();
        origins = new RuleOrigins.InScript(file.toString(), compiled.source());
      }
    } else {
      plan = new PlanCodec().decode(PlanFile.read(file));
      origins = new RuleOrigins.InPlan(file.toString());
    }
    Explanation explanation;
    try {
      explanation = Explanation.of(plan, origins, component, capability, parameter);
    } catch (Explanation.UnknownName e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(explanation.text());
    out.flush();
    return explanation.allowed() ? ExitCodes.OK : ExitCodes.DENIED;
  }

  @Override
  public String source() {
    return source;
  }
}
