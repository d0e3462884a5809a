package dev.mosaic.plan;

import dev.mosaic.plan.store.BlobStore;
import java.util.List;
import java.util.Optional;

/**
 * A blob store that does not verify what it serves: under {@code digest} it returns whatever {@code
 * served[0]} holds at the time (the test swaps it), as a store with a broken or hostile backend
 * would.
 */
final class UnverifiedStore {
  private UnverifiedStore() {}

  static BlobStore serving(String digest, byte[][] served) {
    return new BlobStore() {
      @Override
      public String put(String tenant, byte[] bytes) {
        throw new UnsupportedOperationException();
      }

      @Override
      public Optional<byte[]> get(String tenant, String d) {
        return d.equals(digest) ? Optional.of(served[0].clone()) : Optional.empty();
      }

      @Override
      public boolean contains(String tenant, String d) {
        return d.equals(digest);
      }

      @Override
      public List<String> list(String tenant) {
        return List.of(digest);
      }
    };
  }
}
