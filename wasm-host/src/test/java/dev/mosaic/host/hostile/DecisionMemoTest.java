package dev.mosaic.host.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.host.CapabilityFixture;
import dev.mosaic.host.Composition;
import dev.mosaic.host.WasmHost;
import dev.mosaic.host.abi.GuestErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host remembers the policy's decisions per component, capability and parameter. A guest tries
 * to make a remembered decision answer for another key: keys that differ by a byte, that look alike
 * once decoded, that are too long to remember, and a flood of distinct keys past the memo's bound.
 * Every use is still decided for its own key and every denial is still audited.
 */
class DecisionMemoTest {
  @TempDir Path dir;

  private Composition caps(WasmHost host) {
    return host.instantiate(
        new CapabilityFixture(dir.resolve("blobs"))
            .allow("log")
            .allow("clock")
            .allow("random")
            .allow("secret", "none")
            .allow("kv", "cache/*")
            .deny("kv", "cache/secret*")
            .allow("http", "none")
            .allow("files", "/none")
            .plan("t1", "caps", "caps"));
  }

  private static long get(Composition caps, Object key) {
    return (Long) caps.call("caps", "get", List.of(key));
  }

  private String audit() throws IOException {
    return Files.readString(dir.resolve("audit/t1/audit.jsonl"));
  }

  @Test
  void aRememberedDecisionAnswersOnlyForItsOwnKey() throws IOException {
    try (WasmHost host =
            WasmHost.builder().guestLog(l -> {}).auditDirectory(dir.resolve("audit")).build();
        Composition caps = caps(host)) {
      for (int round = 0; round < 3; round++) {
        assertThat(get(caps, "cache/a")).isEqualTo((long) GuestErrors.NOT_FOUND);
        assertThat(get(caps, "cache/secret")).isEqualTo((long) GuestErrors.DENIED);
        assertThat(get(caps, "cache/secreT")).isEqualTo((long) GuestErrors.NOT_FOUND);
        assertThat(get(caps, "config/a")).isEqualTo((long) GuestErrors.DENIED);
        // Not UTF-8: refused before the policy is asked, however often it is tried.
        assertThat(get(caps, new byte[] {'c', 'a', 'c', 'h', 'e', '/', (byte) 0xC3}))
            .isEqualTo((long) GuestErrors.INVALID);
        assertThat(get(caps, "cache/sécret")).isEqualTo((long) GuestErrors.NOT_FOUND);
        assertThat(get(caps, "cache/secret/é")).isEqualTo((long) GuestErrors.DENIED);
      }
      // Every denied use is audited, not only the first.
      assertThat(audit().split("\"parameter\":\"cache/secret\"", -1)).hasSize(4);
      assertThat(audit().split("\"parameter\":\"config/a\"", -1)).hasSize(4);
    }
  }

  @Test
  void keysPastTheMemosBoundsAreStillDecidedOneByOne() throws IOException {
    try (WasmHost host =
            WasmHost.builder().guestLog(l -> {}).auditDirectory(dir.resolve("audit")).build();
        Composition caps = caps(host)) {
      for (int i = 0; i < 3_000; i++) {
        assertThat(get(caps, (i % 2 == 0 ? "cache/" : "cache/secret") + i))
            .isEqualTo((long) (i % 2 == 0 ? GuestErrors.NOT_FOUND : GuestErrors.DENIED));
      }
      String longAllowed = "cache/" + "x".repeat(1_000);
      String longDenied = "cache/secret" + "x".repeat(1_000);
      for (int round = 0; round < 2; round++) {
        assertThat(get(caps, longAllowed)).isEqualTo((long) GuestErrors.NOT_FOUND);
        assertThat(get(caps, longDenied)).isEqualTo((long) GuestErrors.DENIED);
        assertThat(get(caps, "cache/secret-new")).isEqualTo((long) GuestErrors.DENIED);
        assertThat(get(caps, "other/new")).isEqualTo((long) GuestErrors.DENIED);
        assertThat(get(caps, "cache/new")).isEqualTo((long) GuestErrors.NOT_FOUND);
      }
      assertThat(audit().split("\"result\":\"denied\"", -1)).hasSize(1_500 + 6 + 1);
      assertThat(audit()).contains("\"parameter\":\"cache/secret2999\"");
    }
  }
}
