package dev.mosaic.cli;

import dev.mosaic.interpreter.Mosaic;
import dev.mosaic.plan.store.BlobStore;
import dev.mosaic.plan.store.FileBlobStore;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options shared by commands that use the blob store. */
final class StoreOptions {
  @Option(
      names = "--store",
      paramLabel = "DIR",
      description = "Blob store directory (default: $MOSAIC_HOME/blobs or ~/.mosaic/blobs).")
  Path store;

  Path directory() {
    return store != null ? store : Mosaic.defaultStore();
  }

  Mosaic.Builder builder() {
    return Mosaic.builder().store(directory());
  }

  /** The store alone, for commands that need no wasm engine. */
  BlobStore blobStore() {
    return new FileBlobStore(directory());
  }
}
