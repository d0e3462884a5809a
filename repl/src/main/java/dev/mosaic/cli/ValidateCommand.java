package dev.mosaic.cli;

import dev.mosaic.interpreter.Mosaic;
import dev.mosaic.plan.ExitCodes;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.PlanCodes;
import dev.mosaic.plan.SystemLimits;
import dev.mosaic.plan.ValidatedPlan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
final class ValidateCommand implements Callable<Integer> {
  @Parameters(paramLabel = "PLAN", description = "The plan file (canonical CBOR).")
  Path file;

  @Mixin StoreOptions store;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    byte[] bytes;
    try {
      // Checked before reading, so a huge file is refused without loading it.
      long size = Files.size(file);
      long limit = SystemLimits.DEFAULT.maxPlanBytes();
      if (size > limit) {
        throw new MosaicException(
            PlanCodes.PLAN_TOO_LARGE,
            "plan file `"
                + file
                + "` is "
                + size
                + " bytes, over the limit of "
                + limit
                + " bytes");
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new MosaicException("E4002", "plan file `" + file + "` does not exist");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (Mosaic mosaic = store.builder().build()) {
      ValidatedPlan plan = mosaic.load(bytes);
      spec.commandLine()
          .getOut()
          .println(
              "ok "
                  + plan.digest()
                  + " (tenant "
                  + plan.tenant()
                  + ", "
                  + plan.plan().components().size()
                  + " components)");
      return ExitCodes.OK;
    }
  }
}
