package dev.mosaic.cli.text;

import dev.mosaic.plan.SystemLimits;
import dev.mosaic.plan.diag.PlanCodes;
import dev.mosaic.plan.io.InputFiles;
import java.nio.file.Path;

/** Reads a plan file: a regular file no larger than the plan size limit (E8001). */
public final class PlanFile {
  private PlanFile() {}

  public static byte[] read(Path file) {
    return InputFiles.read(
        file,
        SystemLimits.DEFAULT.maxPlanBytes(),
        PlanCodes.PLAN_TOO_LARGE,
        "plan file `" + file + "`");
  }
}
