package dev.mosaic.cli;

import dev.mosaic.plan.SystemLimits;
import dev.mosaic.plan.diag.PlanCodes;
import dev.mosaic.plan.io.InputFiles;
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
