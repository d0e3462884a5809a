package dev.mosaic.hsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.hsm.env.EnvSecretBackend;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.PolicyRule;
import dev.mosaic.plan.audit.AuditEvent;
import dev.mosaic.plan.rules.PolicyEngine;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ScopedSecretsTest {
  private final List<AuditEvent> events = new CopyOnWriteArrayList<>();
  private final SecretBackend backend =
      new EnvSecretBackend(
          HostMode.DEVELOPMENT,
          Map.of(
              "MOSAIC_SECRET_TENANTS__ACME__API_KEY", "acme-value",
              "MOSAIC_SECRET_TENANTS__OTHER__API_KEY", "other-value"),
          EnvSecretBackend.DEFAULT_PREFIX);
  private final PolicyEngine policy =
      new PolicyEngine(
          List.of(
              new PolicyRule(PolicyRule.Effect.ALLOW, "billing", "secret", List.of("api-*")),
              new PolicyRule(PolicyRule.Effect.DENY, "billing", "secret", List.of("api-root"))));
  private final ScopedSecrets acme =
      new ScopedSecrets("acme", backend, "tenants/acme/", SecretGrant.of(policy), events::add);

  @Test
  void aGrantedReadIsAuditedWithoutTheValue() {
    try (Secret secret = acme.read("billing", "api-key")) {
      assertThat(new String(secret.copyValue(), StandardCharsets.UTF_8)).isEqualTo("acme-value");
    }
    assertThat(events).hasSize(1);
    AuditEvent event = events.getFirst();
    assertThat(event.tenantId()).isEqualTo("acme");
    assertThat(event.eventType()).isEqualTo(AuditEvent.SECRET_ACCESS);
    assertThat(event.componentId()).isEqualTo("billing");
    assertThat(event.details())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "secret_id", "api-key",
                "backend", "env://MOSAIC_SECRET_",
                "operation", "read",
                "result", "granted"));
    assertThat(event.toString()).doesNotContain("acme-value");
  }

  @Test
  void ungrantedComponentsAndDeniedNamesAreRefusedAndAudited() {
    assertThatThrownBy(() -> acme.read("frontend", "api-key"))
        .isInstanceOf(MosaicException.class)
        .hasMessage("error[E7101]: component `frontend` may not use secret `api-key`");
    assertThatThrownBy(() -> acme.read("billing", "api-root"))
        .hasMessageStartingWith("error[E7101]:");
    assertThatThrownBy(() -> acme.read("billing", "db-password"))
        .hasMessageStartingWith("error[E7101]:");
    assertThat(events)
        .extracting(e -> e.details().get("result"), e -> e.details().get("code"))
        .containsOnly(org.assertj.core.groups.Tuple.tuple("denied", "E7101"));
    assertThat(events).hasSize(3);
  }

  @Test
  void aTenantCannotNameSecretsOutsideItsPrefix() {
    assertThatThrownBy(() -> acme.read("billing", "../other/api-key"))
        .hasMessageStartingWith("error[E7119]:");
    assertThatThrownBy(() -> acme.read("billing", "/tenants/other/api-key"))
        .hasMessageStartingWith("error[E7119]:");
    assertThat(events).extracting(e -> e.details().get("result")).containsOnly("denied");
    ScopedSecrets other =
        new ScopedSecrets("other", backend, "tenants/other/", (c, n) -> true, events::add);
    try (Secret secret = other.read("billing", "api-key")) {
      assertThat(new String(secret.copyValue(), StandardCharsets.UTF_8)).isEqualTo("other-value");
    }
  }

  @Test
  void backendFailuresAreAuditedAsErrorsWithTheirCode() {
    assertThatThrownBy(() -> acme.read("billing", "api-missing"))
        .hasMessageStartingWith("error[E7102]:");
    assertThat(events.getFirst().details())
        .containsEntry("result", "error")
        .containsEntry("code", "E7102");
  }

  @Test
  void keyOperationsAreCheckedAndAuditedToo() {
    byte[] mac = acme.hmacSha256("billing", "api-key", new byte[] {1});
    assertThat(mac).hasSize(32);
    assertThatThrownBy(
            () -> acme.sign("billing", "api-key", SignatureAlgorithm.ECDSA_SHA256, new byte[1]))
        .hasMessageStartingWith("error[E7115]:");
    assertThatThrownBy(() -> acme.encrypt("frontend", "api-key", new byte[1]))
        .hasMessageStartingWith("error[E7101]:");
    assertThat(events)
        .extracting(e -> e.details().get("operation") + ":" + e.details().get("result"))
        .containsExactly("hmac:granted", "sign:error", "encrypt:denied");
  }
}
