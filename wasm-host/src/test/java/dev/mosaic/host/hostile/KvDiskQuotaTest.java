package dev.mosaic.host.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.host.CapabilityFixture;
import dev.mosaic.host.Composition;
import dev.mosaic.host.FileKeyValueStore;
import dev.mosaic.host.MemoryKeyValueStore;
import dev.mosaic.host.WasmHost;
import dev.mosaic.host.abi.GuestErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A guest fills its key-value quota with empty values and long keys. */
class KvDiskQuotaTest {
  private static final int ATTEMPTS = 6_000;

  @TempDir Path dir;

  private CapabilityFixture fixture() {
    return new CapabilityFixture(dir.resolve("blobs"))
        .allow("log")
        .allow("clock")
        .allow("random")
        .allow("secret", "none")
        .allow("kv", "*")
        .allow("http", "none")
        .allow("files", "/none");
  }

  private int fill(WasmHost host, String keyPrefix) {
    int stored = 0;
    try (Composition caps = host.instantiate(fixture().plan("t1", "caps", "caps"))) {
      for (int i = 0; i < ATTEMPTS; i++) {
        long result = (Long) caps.call("caps", "put", List.of(keyPrefix + i, new byte[0]));
        if (result == 0) {
          stored++;
        } else {
          assertThat(result).isEqualTo((long) GuestErrors.TOO_LARGE);
        }
      }
    }
    return stored;
  }

  @Test
  void emptyValuesStillCountAgainstTheFileStoresQuota() throws IOException {
    long quota = 64 * 1024;
    Path kv = dir.resolve("kv");
    try (WasmHost host =
        WasmHost.builder()
            .guestLog(line -> {})
            .keyValueStore(new FileKeyValueStore(kv, 256, 1024, quota))
            .build()) {
      int stored = fill(host, "k");
      assertThat(stored).isEqualTo((int) (quota / FileKeyValueStore.ENTRY_OVERHEAD));
    }
    long charged;
    try (Stream<Path> entries = Files.list(kv.resolve("t1"))) {
      charged =
          entries
              .mapToLong(
                  f -> {
                    try {
                      return FileKeyValueStore.charge(Files.size(f));
                    } catch (IOException e) {
                      throw new java.io.UncheckedIOException(e);
                    }
                  })
              .sum();
    }
    assertThat(charged).isLessThanOrEqualTo(quota);
  }

  @Test
  void theEntryCapHoldsWhateverTheBytes() {
    try (WasmHost host =
        WasmHost.builder()
            .guestLog(line -> {})
            .keyValueStore(new FileKeyValueStore(dir.resolve("kv"), 256, 1024, 1L << 30, 10))
            .build()) {
      assertThat(fill(host, "k")).isEqualTo(10);
    }
  }

  @Test
  void keysAndEntriesCountInTheMemoryStore() {
    try (WasmHost host =
        WasmHost.builder()
            .guestLog(line -> {})
            .keyValueStore(new MemoryKeyValueStore(256, 1024, 3_000))
            .build()) {
      int stored = fill(host, "k".repeat(200));
      assertThat(stored).isPositive().isLessThan(3_000 / 200);
    }
  }
}
