package dev.mosaic.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.host.audit.AuditLogVerifier;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.ValidatedPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-tenant rate limits, composition caps, component counts and memory budgets. */
class LimitsTest {
  @TempDir Path dir;

  private WasmHost host(HostLimits limits) {
    return WasmHost.builder()
        .guestLog(line -> {})
        .auditDirectory(dir.resolve("audit"))
        .limits(limits)
        .build();
  }

  private ValidatedPlan doubler(TestPlans plans, int maxComponents, long maxMemory) {
    return plans
        .plan("t1")
        .component("double", "double")
        .limits(maxComponents, maxMemory, 5_000)
        .validate();
  }

  private String audit() throws IOException {
    return Files.readString(dir.resolve("audit/t1/audit.jsonl"));
  }

  private static void assertCode(Runnable r, String code) {
    assertThatThrownBy(r::run)
        .isInstanceOfSatisfying(
            MosaicException.class,
            e -> {
              assertThat(e.code()).isEqualTo(code);
              assertThat(e.exitCode()).isEqualTo(70);
            });
  }

  @Test
  void callsOverTheRateLimitAreRefusedAndAudited() throws IOException {
    TestPlans plans = new TestPlans(dir.resolve("blobs"));
    try (WasmHost host = host(HostLimits.DEFAULT.withCallRate(0.001, 3));
        Composition c = host.instantiate(doubler(plans, 10, 1 << 20))) {
      for (int i = 0; i < 3; i++) {
        assertThat(c.call("double", "double", List.of(i))).isEqualTo(2L * i);
      }
      assertCode(() -> c.call("double", "double", List.of(1)), HostCodes.CALL_RATE);
    }
    assertThat(audit()).contains("\"event_type\":\"limit\"").contains("\"limit\":\"calls\"");
  }

  @Test
  void planLoadsOverTheRateLimitAreRefused() throws IOException {
    TestPlans plans = new TestPlans(dir.resolve("blobs"));
    ValidatedPlan plan = doubler(plans, 10, 1 << 20);
    try (WasmHost host = host(HostLimits.DEFAULT.withLoadRate(0.001, 2))) {
      host.instantiate(plan).close();
      host.instantiate(plan).close();
      assertCode(() -> host.instantiate(plan), HostCodes.LOAD_RATE);
    }
    assertThat(audit()).contains("\"limit\":\"plan_loads\"");
  }

  @Test
  void concurrentCompositionsAreCappedPerTenant() {
    TestPlans plans = new TestPlans(dir.resolve("blobs"));
    ValidatedPlan plan = doubler(plans, 10, 4 << 20);
    try (WasmHost host = host(HostLimits.DEFAULT.withMaxCompositionsPerTenant(2))) {
      Composition a = host.instantiate(plan);
      Composition b = host.instantiate(plan);
      assertCode(() -> host.instantiate(plan), HostCodes.TOO_MANY_COMPOSITIONS);
      a.close();
      host.instantiate(plan).close();
      b.close();
    }
  }

  @Test
  void componentCountIsCappedPerTenant() {
    TestPlans plans = new TestPlans(dir.resolve("blobs"));
    ValidatedPlan chain =
        plans
            .plan("t1")
            .component("double", "double")
            .component("quad", "quad")
            .bind("quad", "math", "double", "double", "double")
            .limits(3, 4 << 20, 5_000)
            .validate();
    try (WasmHost host = host(HostLimits.DEFAULT)) {
      Composition first = host.instantiate(chain);
      assertCode(() -> host.instantiate(chain), HostCodes.TOO_MANY_COMPONENTS);
      first.close();
      host.instantiate(chain).close();
    }
  }

  @Test
  void theTenantsMemoryIsATotalOverItsCompositions() {
    TestPlans plans = new TestPlans(dir.resolve("blobs"));
    ValidatedPlan plan = doubler(plans, 10, 1 << 20);
    try (WasmHost host = host(HostLimits.DEFAULT.withMaxTenantMemoryBytes(3 << 19))) {
      Composition first = host.instantiate(plan);
      assertCode(() -> host.instantiate(plan), HostCodes.TENANT_MEMORY);
      first.close();
      host.instantiate(plan).close();
    }
  }

  @Test
  void concurrentCallsLoseNoAuditEvent() throws Exception {
    TestPlans plans = new TestPlans(dir.resolve("blobs"));
    ValidatedPlan plan =
        plans
            .plan("t1")
            .component("caps", "caps")
            .allow("caps", "log")
            .allow("caps", "clock")
            .allow("caps", "random")
            .allow("caps", "secret", "api-*")
            .allow("caps", "kv")
            .allow("caps", "http")
            .allow("caps", "files")
            .limits(100, 64 << 20, 10_000)
            .validate();
    int threads = 4;
    int calls = 100;
    try (WasmHost host =
        WasmHost.builder()
            .guestLog(line -> {})
            .auditDirectory(dir.resolve("audit"))
            .secrets(t -> new FakeSecretBackend("fake://t1", Map.of("api-key", new byte[] {1})))
            .build()) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          done.add(
              pool.submit(
                  () -> {
                    try (Composition c = host.instantiate(plan)) {
                      for (int i = 0; i < calls; i++) {
                        c.call("caps", "secret", List.of(i % 2 == 0 ? "api-key" : "db-password"));
                      }
                    }
                  }));
        }
        for (Future<?> f : done) {
          f.get();
        }
      } finally {
        pool.shutdown();
      }
    }
    Path log = dir.resolve("audit/t1/audit.jsonl");
    long secretEvents =
        Files.readAllLines(log).stream()
            .filter(l -> l.contains("\"event_type\":\"secret_access\""))
            .count();
    assertThat(secretEvents).isEqualTo((long) threads * calls);
    assertThat(AuditLogVerifier.verify(log).valid()).isTrue();
  }
}
