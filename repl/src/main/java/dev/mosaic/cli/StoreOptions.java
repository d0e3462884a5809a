package dev.mosaic.cli;

import dev.mosaic.interpreter.Mosaic;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options shared by commands that use the blob store. */
final class StoreOptions {
  @Option(
      names = "--store",
      paramLabel = "DIR",
      description = "Blob store directory (default: $MOSAIC_HOME/blobs or ~/.mosaic/blobs).")
  Path store;

  Mosaic.Builder builder() {
    return Mosaic.builder().store(store != null ? store : Mosaic.defaultStore());
  }
}
