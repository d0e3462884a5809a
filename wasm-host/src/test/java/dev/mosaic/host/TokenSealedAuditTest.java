package dev.mosaic.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.host.audit.AuditCodes;
import dev.mosaic.host.audit.AuditLogOptions;
import dev.mosaic.host.audit.AuditLogVerifier;
import dev.mosaic.host.audit.SealKeys;
import dev.mosaic.plan.audit.AuditEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seals whose master key stays in a secret backend, used only through {@code hmacSha256}. */
class TokenSealedAuditTest {
  @TempDir Path dir;

  @Test
  void aHostSealsEachTenantWithTheBackendsKeyAndOnlyThatKeyVerifies() throws Exception {
    byte[] master = "the token's audit-seal key 32 by".getBytes(StandardCharsets.US_ASCII);
    FakeSecretBackend token = new FakeSecretBackend("fake://token", Map.of("audit-seal", master));
    SealKeys keys = SealKeys.token(token, "audit-seal");
    try (WasmHost host =
        WasmHost.builder()
            .auditDirectory(
                dir.resolve("audit"), AuditLogOptions.defaults().sealEvery(3).sealedWith(keys))
            .build()) {
      for (String tenant : new String[] {"acme", "beta"}) {
        for (int i = 0; i < 4; i++) {
          host.audit(tenant).record(AuditEvent.now(tenant, AuditEvent.LIMIT, "", Map.of()));
        }
      }
    }
    Path acme = dir.resolve("audit/acme/audit.jsonl");
    AuditLogVerifier.Result ok =
        AuditLogVerifier.verify(acme, "acme", keys, AuditLogVerifier.stateFileOf(acme));
    assertThat(ok.problem()).isNull();
    assertThat(ok.seals()).hasSize(2);
    assertThat(Files.readString(acme))
        .doesNotContain(new String(master, StandardCharsets.US_ASCII));

    // Each tenant has its own first key: acme's log does not verify as beta's.
    AuditLogVerifier.Result asBeta =
        AuditLogVerifier.verify(acme, "beta", keys, AuditLogVerifier.stateFileOf(acme));
    assertThat(asBeta.code()).isEqualTo(AuditCodes.SEAL_INVALID);
    assertThat(asBeta.badLine()).isEqualTo(4);
  }
}
