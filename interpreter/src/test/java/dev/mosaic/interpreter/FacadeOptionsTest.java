package dev.mosaic.interpreter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.host.audit.AuditLogVerifier;
import dev.mosaic.hsm.HostMode;
import dev.mosaic.hsm.SecretCodes;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.audit.AuditEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The facade's host options: audit directory, audit sinks, secret backends, production mode. */
class FacadeOptionsTest {
  static final Path HELLO = Path.of("..", "examples", "hello", "hello.mosaic");

  @TempDir Path dir;

  @Test
  void auditDirectoryRecordsBlobValidationCapabilityAndExecutionEventsPerTenant() throws Exception {
    try (Mosaic mosaic =
        Mosaic.builder()
            .store(dir.resolve("blobs"))
            .auditDirectory(dir.resolve("audit"))
            .output(line -> {})
            .guestLog(line -> {})
            .build()) {
      mosaic.run(HELLO);
    }
    Path log = dir.resolve("audit/demo/audit.jsonl");
    List<String> lines = Files.readAllLines(log);
    assertThat(lines.get(0)).contains("\"event_type\":\"blob\"").contains("\"action\":\"put\"");
    assertThat(lines.get(1))
        .contains("\"event_type\":\"plan_validation\"")
        .contains("\"result\":\"accepted\"");
    assertThat(lines)
        .anyMatch(l -> l.contains("\"capability\":\"log\"") && l.contains("\"linked\""))
        .anyMatch(l -> l.contains("\"action\":\"instantiate\""));
    assertThat(AuditLogVerifier.verify(log).valid()).isTrue();
    assertThat(AuditLogVerifier.verify(log).verifiedLines()).isEqualTo(lines.size());
  }

  @Test
  void aPlanThatNamesNoTenantIsAuditedInTheHostLog() throws Exception {
    try (Mosaic mosaic =
        Mosaic.builder().store(dir.resolve("blobs")).auditDirectory(dir.resolve("audit")).build()) {
      assertThatThrownBy(() -> mosaic.load(new byte[] {(byte) 0xa0}))
          .isInstanceOf(MosaicException.class);
    }
    String log = Files.readString(dir.resolve("audit/_host/audit.jsonl"));
    assertThat(log).contains("\"plan_validation\"").contains("\"result\":\"rejected\"");
  }

  @Test
  void auditSinksReceiveEventsOfTheirOwnTenantOnly() {
    List<AuditEvent> demo = new ArrayList<>();
    List<String> others = new ArrayList<>();
    try (Mosaic mosaic =
        Mosaic.builder()
            .store(dir.resolve("blobs"))
            .auditSinks(t -> t.equals("demo") ? demo::add : e -> others.add(t))
            .output(line -> {})
            .guestLog(line -> {})
            .build()) {
      mosaic.run(HELLO);
      mosaic.audit("demo").record(AuditEvent.now("demo", "app", "", Map.of("note", "mine")));
    }
    assertThat(demo).isNotEmpty().allMatch(e -> e.tenantId().equals("demo"));
    assertThat(demo.getLast().eventType()).isEqualTo("app");
    assertThat(others).isEmpty();
  }

  @Test
  void productionModeNeedsAnAuditDestination() {
    assertThatThrownBy(() -> Mosaic.builder().store(dir).mode(HostMode.PRODUCTION).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("audit");
  }

  @Test
  void productionModeRefusesTheDevelopmentOnlyEnvBackend() {
    assertThatThrownBy(
            () ->
                Mosaic.builder()
                    .store(dir)
                    .auditDirectory(dir.resolve("audit"))
                    .mode(HostMode.PRODUCTION)
                    .secretBackend("demo", "env", Map.of())
                    .build())
        .isInstanceOf(MosaicException.class)
        .extracting(e -> ((MosaicException) e).code())
        .isEqualTo(SecretCodes.DEVELOPMENT_ONLY);
  }

  @Test
  void anUnknownSecretSchemeFailsTheBuildWithItsCode() {
    assertThatThrownBy(
            () ->
                Mosaic.builder()
                    .store(dir)
                    .mode(HostMode.DEVELOPMENT)
                    .secretBackend("demo", "nosuch", Map.of())
                    .build())
        .isInstanceOf(MosaicException.class)
        .extracting(e -> ((MosaicException) e).code())
        .isEqualTo(SecretCodes.UNKNOWN_SCHEME);
  }
}
