package dev.mosaic.host.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.host.Composition;
import dev.mosaic.host.HostCodes;
import dev.mosaic.host.WasmHost;
import dev.mosaic.plan.MosaicException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A guest that recurses without end and has the host copy 256 bytes into its memory at every depth,
 * so the copy helper runs ever deeper in the stack: whichever frame overflows, the call is a stack
 * exhaustion (E9006), never a copy reported outside a memory it fits in.
 */
class DeepCopyHostileTest {
  @TempDir Path dir;
  private WasmHost host;

  @BeforeEach
  void setUp() {
    host = WasmHost.builder().guestLog(line -> {}).build();
  }

  @AfterEach
  void tearDown() {
    host.close();
  }

  @Test
  void aCopyDeepInARecursionThatOverflowsIsAStackExhaustion() {
    try (Composition c =
        host.instantiate(
            new TimePlans(dir)
                .plan("t1", 30_000)
                .component("g", "deepfill")
                .allow("g", "random")
                .validate())) {
      for (int i = 0; i < 3; i++) {
        assertThatThrownBy(() -> c.call("g", "deep", List.of(0L)))
            .isInstanceOfSatisfying(
                MosaicException.class, e -> assertThat(e.code()).isEqualTo(HostCodes.STACK))
            .satisfies(e -> assertThat(e.getMessage()).doesNotContain("outside its memory"));
      }
    }
  }
}
