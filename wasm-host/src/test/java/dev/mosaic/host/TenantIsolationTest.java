package dev.mosaic.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.host.abi.GuestErrors;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.ValidatedPlan;
import dev.mosaic.plan.audit.AuditSink;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tenant A cannot reach tenant B's blobs, secrets, key-values, cache entries, audit log or meters.
 */
class TenantIsolationTest {
  @Test
  void aBuilderUsedAgainAfterBuildChangesNoHost(@TempDir Path dir) {
    AuditSink first = event -> {};
    AuditSink second = event -> {};
    WasmHost.Builder builder = WasmHost.builder().auditSinks(t -> first).fileRoots(t -> dir);
    try (WasmHost host = builder.build()) {
      builder.auditSinks(t -> second).fileRoots(t -> dir.resolve("elsewhere"));
      assertThat(host.audit("acme")).isSameAs(first);
      assertThat(host.tenant("acme").fileRoot).isEqualTo(dir);
      try (WasmHost other = builder.build()) {
        assertThat(other.audit("acme")).isSameAs(second);
      }
    }
  }

  @Test
  void aTenantsCachesAreHandedOutAsCopies() {
    try (WasmHost host = WasmHost.builder().build()) {
      Tenant t = host.tenant("acme");
      assertThatThrownBy(() -> t.preparedModules().clear())
          .isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> t.sources().clear())
          .isInstanceOf(UnsupportedOperationException.class);
    }
  }

  @TempDir Path dir;

  private ValidatedPlan capsPlan(TestPlans plans, String tenant) {
    return plans
        .plan(tenant)
        .component("caps", "caps")
        .allow("caps", "log")
        .allow("caps", "clock")
        .allow("caps", "random")
        .allow("caps", "secret")
        .allow("caps", "kv")
        .allow("caps", "http")
        .allow("caps", "files")
        .validate();
  }

  @Test
  void tenantsShareNothing() throws Exception {
    TestPlans plans = new TestPlans(dir.resolve("blobs"));
    FakeSecretBackend secretsA =
        new FakeSecretBackend(
            "fake://a",
            Map.of(
                "shared-name",
                "a-value".getBytes(StandardCharsets.UTF_8),
                "a-only",
                new byte[] {1}));
    FakeSecretBackend secretsB =
        new FakeSecretBackend(
            "fake://b", Map.of("shared-name", "b-value".getBytes(StandardCharsets.UTF_8)));
    try (WasmHost host =
        WasmHost.builder()
            .guestLog(line -> {})
            .auditDirectory(dir.resolve("audit"))
            .secrets(t -> t.equals("tenant-a") ? secretsA : secretsB)
            .build()) {
      ValidatedPlan planA = capsPlan(plans, "tenant-a");
      ValidatedPlan planB = capsPlan(plans, "tenant-b");
      try (Composition a = host.instantiate(planA);
          Composition b = host.instantiate(planB)) {
        // Secrets: the same name resolves in each tenant's own backend; A's names do not exist
        // for B.
        assertThat((Long) a.call("caps", "secret", List.of("shared-name"))).isPositive();
        assertThat((byte[]) a.call("caps", "last", List.of())).asString().isEqualTo("a-value");
        assertThat((Long) b.call("caps", "secret", List.of("shared-name"))).isPositive();
        assertThat((byte[]) b.call("caps", "last", List.of())).asString().isEqualTo("b-value");
        assertThat(b.call("caps", "secret", List.of("a-only")))
            .isEqualTo((long) GuestErrors.NOT_FOUND);
        // Key-values: one namespace per tenant.
        assertThat(a.call("caps", "put", List.of("k", new byte[] {42}))).isEqualTo(0L);
        assertThat(b.call("caps", "get", List.of("k"))).isEqualTo((long) GuestErrors.NOT_FOUND);
      }
      // Compiled code: one engine per tenant, so a tenant's contexts only ever see code compiled
      // in its own engine; the parsed-module cache is per tenant too.
      Tenant ta = host.tenant("tenant-a");
      Tenant tb = host.tenant("tenant-b");
      assertThat(ta.engine).isNotSameAs(tb.engine);
      assertThat(ta.sources()).isNotEmpty();
      String digest = planA.plan().components().getFirst().digest();
      assertThat(ta.preparedModules()).containsKey(digest);
      assertThat(ta.preparedModules().get(digest)).isNotSameAs(tb.preparedModules().get(digest));
      // Metrics: every meter is tagged with its tenant.
      double callsA =
          host.meters().get("mosaic.calls").tag("tenant", "tenant-a").timers().stream()
              .mapToLong(t -> t.count())
              .sum();
      double callsB =
          host.meters().get("mosaic.calls").tag("tenant", "tenant-b").timers().stream()
              .mapToLong(t -> t.count())
              .sum();
      assertThat(callsA).isEqualTo(3);
      assertThat(callsB).isEqualTo(4);
    }
    // Audit logs: one file per tenant, holding only that tenant's events.
    List<String> auditA = Files.readAllLines(dir.resolve("audit/tenant-a/audit.jsonl"));
    List<String> auditB = Files.readAllLines(dir.resolve("audit/tenant-b/audit.jsonl"));
    assertThat(auditA).isNotEmpty().allMatch(l -> l.contains("\"tenant_id\":\"tenant-a\""));
    assertThat(auditB).isNotEmpty().allMatch(l -> l.contains("\"tenant_id\":\"tenant-b\""));
    // Blobs: B cannot name a module that only A stored.
    String onlyInA = plans.blobs().put("tenant-a", TestPlans.wasm("text"));
    assertThat(plans.blobs().contains("tenant-b", onlyInA)).isFalse();
    assertThatThrownBy(() -> plans.plan("tenant-b").reference("text", onlyInA, "text").validate())
        .isInstanceOfSatisfying(MosaicException.class, e -> assertThat(e.exitCode()).isEqualTo(66));
  }
}
