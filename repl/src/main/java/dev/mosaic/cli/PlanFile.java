package dev.mosaic.cli;

import dev.mosaic.plan.InputFiles;
import dev.mosaic.plan.PlanCodes;
import dev.mosaic.plan.SystemLimits;
import java.nio.file.Path;

/** Reads a plan file: a regular file no larger than the plan size limit (E8001). */
final class PlanFile {
  private PlanFile() {}

  static byte[] read(Path file) {
    return InputFiles.read(
        file,
        SystemLimits.DEFAULT.maxPlanBytes(),
        PlanCodes.PLAN_TOO_LARGE,
        "plan file `" + file + "`");
  }
}
