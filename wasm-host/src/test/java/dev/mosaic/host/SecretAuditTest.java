package dev.mosaic.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.plan.MosaicException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secret events as docs/secrets.md gives them, including a grant the guest never received. */
class SecretAuditTest {
  @TempDir Path dir;

  @Test
  void aGrantedReadWhoseCopyIntoTheGuestFailsIsAuditedAsAnError() throws Exception {
    TestPlans plans = new TestPlans(dir.resolve("blobs"));
    FakeSecretBackend secrets =
        new FakeSecretBackend(
            "fake://t1", Map.of("api-key", "s3cr3t-value".getBytes(StandardCharsets.UTF_8)));
    try (WasmHost host =
            WasmHost.builder().auditDirectory(dir.resolve("audit")).secrets(t -> secrets).build();
        Composition c =
            host.instantiate(
                plans
                    .plan("t1")
                    .component("bad", "badalloc")
                    .allow("bad", "secret", "api-*")
                    .validate())) {
      assertThatThrownBy(() -> c.call("bad", "secret", List.of("api-key")))
          .isInstanceOf(MosaicException.class);
    }
    List<String> secretEvents =
        Files.readAllLines(dir.resolve("audit/t1/audit.jsonl")).stream()
            .filter(l -> l.contains("\"event_type\":\"secret_access\""))
            .toList();
    assertThat(secretEvents).hasSize(1);
    assertThat(secretEvents.get(0))
        .contains(
            "\"details\":{\"backend\":\"fake://t1\",\"code\":\"E9001\",\"operation\":\"read\","
                + "\"result\":\"error\",\"secret_id\":\"api-key\"}")
        .doesNotContain("granted")
        .doesNotContain("s3cr3t");
  }
}
