package dev.mosaic.cli.options;

import dev.mosaic.interpreter.Mosaic;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options of commands that compile scripts. */
public final class ScriptOptions {
  @Option(
      names = "--allow-path",
      paramLabel = "DIR",
      description =
          "Let scripts name files (load, from, signed by) inside DIR too, by relative or absolute"
              + " paths. Without it a script names only files inside its own directory."
              + " Repeatable.")
  List<Path> allowed = new ArrayList<>();

  public Mosaic.Builder apply(Mosaic.Builder builder) {
    allowed.forEach(builder::allowPath);
    return builder;
  }
}
