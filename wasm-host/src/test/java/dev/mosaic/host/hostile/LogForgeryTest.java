package dev.mosaic.host.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.host.CapabilityFixture;
import dev.mosaic.host.Composition;
import dev.mosaic.host.HostLimits;
import dev.mosaic.host.WasmHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A guest tries to forge host lines through {@code log}, and to flood it. */
class LogForgeryTest {
  @TempDir Path dir;

  private CapabilityFixture fixture() {
    return new CapabilityFixture(dir.resolve("blobs"))
        .allow("log")
        .allow("clock")
        .allow("random")
        .allow("secret", "none")
        .allow("kv", "none")
        .allow("http", "none")
        .allow("files", "/none");
  }

  @Test
  void controlCharactersCannotStartALineOrDriveTheTerminal() {
    List<String> lines = new CopyOnWriteArrayList<>();
    try (WasmHost host = WasmHost.builder().guestLog(lines::add).build();
        Composition caps = host.instantiate(fixture().plan("t1", "caps", "caps"))) {
      caps.call("caps", "say", List.of("ok\n[admin] granted everything"));
      caps.call("caps", "say", List.of("a\r[admin] b\u001b[2Kc\u0000d\u0085e\u2028f\u202eg\\h"));
    }
    assertThat(lines)
        .containsExactly(
            "[caps] ok\\n[admin] granted everything",
            "[caps] a\\r[admin] b\\x1b[2Kc\\x00d\\x85e\\u{2028}f\\u{202e}g\\\\h");
    for (String line : lines) {
      assertThat(line.chars()).noneMatch(c -> c < 0x20 || c == 0x7f || c == 0x85 || c == 0x202e);
    }
  }

  @Test
  void aFloodIsCutAtTheTenantsRateAndAuditedOncePerSecond() throws IOException {
    AtomicLong bytes = new AtomicLong();
    AtomicLong count = new AtomicLong();
    HostLimits limits = HostLimits.DEFAULT.withLogRate(100, 64 * 1024);
    String big = "x".repeat(60_000);
    try (WasmHost host =
            WasmHost.builder()
                .guestLog(
                    line -> {
                      count.incrementAndGet();
                      bytes.addAndGet(line.length());
                    })
                .auditDirectory(dir.resolve("audit"))
                .limits(limits)
                .build();
        Composition caps = host.instantiate(fixture().plan("t1", "caps", "caps"))) {
      for (int i = 0; i < 1_000; i++) {
        caps.call("caps", "say", List.of("line " + i));
      }
      for (int i = 0; i < 50; i++) {
        caps.call("caps", "say", List.of(big));
      }
    }
    // 1,050 lines and 3 MB asked for in well under the few seconds it would take at the rate.
    assertThat(count.get()).isLessThan(1_000);
    assertThat(bytes.get()).isLessThan(1_000_000);
    String audit = Files.readString(dir.resolve("audit/t1/audit.jsonl"));
    long reports = audit.lines().filter(l -> l.contains("\"limit\":\"log\"")).count();
    assertThat(reports).isBetween(1L, 20L);
    assertThat(audit).contains("lines dropped since the last report");
  }
}
