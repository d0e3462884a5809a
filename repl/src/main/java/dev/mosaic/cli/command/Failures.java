package dev.mosaic.cli.command;

import dev.mosaic.cli.CliCodes;
import dev.mosaic.interpreter.diag.DiagnosticRenderer;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.diag.ExitCodes;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import picocli.CommandLine;

/**
 * Turns exceptions from commands into coded messages on stderr and an exit code; a Java stack trace
 * is shown only when {@code MOSAIC_DEBUG} is set.
 */
public final class Failures implements CommandLine.IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(
      Exception ex, CommandLine cli, CommandLine.ParseResult parseResult) {
    PrintWriter err = cli.getErr();
    if (ex instanceof MosaicException m) {
      if (cli.getCommand() instanceof SourceAware s && !s.sources().isEmpty()) {
        err.print(DiagnosticRenderer.renderAll(m.diagnostics(), s.sources()));
      } else {
        String source = cli.getCommand() instanceof SourceAware s ? s.source() : null;
        err.print(DiagnosticRenderer.renderAll(m.diagnostics(), source));
      }
      err.flush();
      return m.exitCode();
    }
    if (ex instanceof UncheckedIOException io) {
      err.println("error[" + CliCodes.IO + "]: i/o failure: " + io.getCause().getMessage());
      return ExitCodes.MISSING;
    }
    err.println("error[" + CliCodes.INTERNAL + "]: internal error: " + ex);
    if (System.getenv("MOSAIC_DEBUG") != null) {
      ex.printStackTrace(err);
    } else {
      err.println("   = help: set MOSAIC_DEBUG=1 for details and report it as a bug");
    }
    err.flush();
    return ExitCodes.GUEST_FAILED;
  }

  /** A command that knows the source text its diagnostics point into. */
  interface SourceAware {
    String source();

    /** Text of every file the command read, by file name; empty when only {@link #source()}. */
    default Map<String, String> sources() {
      return Map.of();
    }
  }
}
