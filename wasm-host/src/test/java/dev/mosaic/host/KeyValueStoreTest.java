package dev.mosaic.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both embedded key-value stores: namespaces, caps, and persistence of the file store. */
class KeyValueStoreTest {
  @TempDir Path dir;

  private static void behaves(KeyValueStore store) {
    assertThat(store.get("a", "k")).isEmpty();
    store.put("a", "k", new byte[] {1, 2});
    assertThat(store.get("a", "k")).contains(new byte[] {1, 2});
    assertThat(store.get("b", "k")).isEmpty();
    store.put("a", "k", new byte[] {3});
    assertThat(store.get("a", "k")).contains(new byte[] {3});
    assertThatThrownBy(() -> store.put("a", "x".repeat(300), new byte[1]))
        .isInstanceOf(KeyValueStore.QuotaExceededException.class);
    assertThatThrownBy(() -> store.put("a", "big", new byte[2_000]))
        .isInstanceOf(KeyValueStore.QuotaExceededException.class);
    store.put("a", "v1", new byte[900]);
    assertThatThrownBy(() -> store.put("a", "v2", new byte[900]))
        .isInstanceOf(KeyValueStore.QuotaExceededException.class)
        .hasMessageContaining("tenant store would hold");
    store.put("b", "v2", new byte[900]);
    assertThat(store.delete("a", "v1")).isTrue();
    assertThat(store.delete("a", "v1")).isFalse();
    store.put("a", "v2", new byte[900]);
  }

  @Test
  void memoryStore() {
    behaves(new MemoryKeyValueStore(256, 1_024, 1_300));
  }

  @Test
  void fileStoreKeepsValuesAcrossRestartsAndCountsThemAgainstTheCap() {
    behaves(new FileKeyValueStore(dir, 256, 1_024, 16_384));
    FileKeyValueStore reopened = new FileKeyValueStore(dir, 256, 1_024, 16_384);
    assertThat(reopened.get("a", "v2")).hasValueSatisfying(v -> assertThat(v).hasSize(900));
    assertThat(reopened.get("b", "v2")).isPresent();
    assertThatThrownBy(() -> reopened.put("a", "v3", new byte[900]))
        .isInstanceOf(KeyValueStore.QuotaExceededException.class);
  }
}
