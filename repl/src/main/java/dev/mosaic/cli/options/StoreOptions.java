package dev.mosaic.cli.options;

import dev.mosaic.interpreter.Mosaic;
import dev.mosaic.plan.store.BlobStore;
import dev.mosaic.plan.store.FileBlobStore;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options shared by commands that use the blob store. */
public final class StoreOptions {
  @Option(
      names = "--store",
      paramLabel = "DIR",
      description = "Blob store directory (default: $MOSAIC_HOME/blobs or ~/.mosaic/blobs).")
  Path store;

  public Path directory() {
    return store != null ? store : Mosaic.defaultStore();
  }

  public Mosaic.Builder builder() {
    return Mosaic.builder().store(directory());
  }

  /** The store alone, for commands that need no wasm engine. */
  public BlobStore blobStore() {
    return new FileBlobStore(directory());
  }
}
