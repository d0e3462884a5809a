package dev.mosaic.cli;

import dev.mosaic.interpreter.LangCodes;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.PlanCodes;
import dev.mosaic.plan.SystemLimits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a plan file, refusing one over the plan size limit before reading it. */
final class PlanFile {
  private PlanFile() {}

  static byte[] read(Path file) {
    try {
      long size = Files.size(file);
      long max = SystemLimits.DEFAULT.maxPlanBytes();
      if (size > max) {
        throw new MosaicException(
            PlanCodes.PLAN_TOO_LARGE,
            "plan file `" + file + "` is " + size + " bytes, over the limit of " + max);
      }
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new MosaicException(LangCodes.FILE_MISSING, "plan file `" + file + "` does not exist");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
