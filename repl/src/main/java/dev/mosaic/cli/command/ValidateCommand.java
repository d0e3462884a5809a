package dev.mosaic.cli.command;

import dev.mosaic.cli.options.SignedPlanOptions;
import dev.mosaic.cli.options.StoreOptions;
import dev.mosaic.cli.options.TrustOptions;
import dev.mosaic.cli.text.PlanFile;
import dev.mosaic.interpreter.Mosaic;
import dev.mosaic.plan.ValidatedPlan;
import dev.mosaic.plan.diag.ExitCodes;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mosaic validate plan.cbor}. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = "Decode and validate a compiled plan; print its digest when it is valid.")
public final class ValidateCommand implements Callable<Integer> {
  @Parameters(paramLabel = "PLAN", description = "The plan file (canonical CBOR).")
  Path file;

  @Mixin StoreOptions store;
  @Mixin TrustOptions trust;
  @Mixin SignedPlanOptions signedPlan;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    byte[] bytes = PlanFile.read(file);
    try (Mosaic mosaic =
        signedPlan.apply(trust.apply(store.builder()), spec.commandLine()).build()) {
      ValidatedPlan plan = signedPlan.load(mosaic, file, bytes);
      spec.commandLine()
          .getOut()
          .println(
              "ok "
                  + plan.digest()
                  + " (tenant "
                  + plan.tenant()
                  + ", "
                  + plan.plan().components().size()
                  + (plan.plan().components().size() == 1 ? " component)" : " components)"));
      return ExitCodes.OK;
    }
  }
}
