package dev.mosaic.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.ValidatedPlan;
import dev.mosaic.plan.audit.AuditEvent;
import dev.mosaic.plan.audit.AuditSink;
import java.io.ByteArrayOutputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host's own lifecycle: reservations and engines given back on every failure, bounded per
 * tenant caches, closing that reaches every tenant, coded errors after close, export handles and
 * the host's log.
 */
class HostLifecycleTest {
  @TempDir Path dir;

  private static void assertCode(Runnable r, String code) {
    assertThatThrownBy(r::run)
        .isInstanceOfSatisfying(MosaicException.class, e -> assertThat(e.code()).isEqualTo(code));
  }

  /** An audit sink that counts how often it is closed, and may fail to close. */
  static final class ClosingSink implements AuditSink, AutoCloseable {
    final AtomicInteger closes = new AtomicInteger();
    final String failure;

    ClosingSink(String failure) {
      this.failure = failure;
    }

    @Override
    public void record(AuditEvent event) {}

    @Override
    public void close() {
      closes.incrementAndGet();
      if (failure != null) {
        throw new IllegalStateException(failure);
      }
    }
  }

  @Test
  void buildsThatFailGiveTheirReservationBackEveryTime() {
    TestPlans plans = new TestPlans(dir.resolve("blobs"));
    ValidatedPlan failing = plans.plan("t1").component("deep", "startdeep").validate();
    ValidatedPlan good = plans.plan("t1").component("double", "double").validate();
    try (WasmHost host =
        WasmHost.builder()
            .guestLog(line -> {})
            .limits(HostLimits.DEFAULT.withMaxCompositionsPerTenant(1))
            .build()) {
      for (int i = 0; i < 5; i++) {
        assertCode(() -> host.instantiate(failing), HostCodes.STACK);
      }
      assertThat(host.tenant("t1").reservedMemory()).isZero();
      // One composition is all the tenant may hold: had any failed build kept its room, E9103.
      try (Composition c = host.instantiate(good)) {
        assertThat(c.call("double", "double", List.of(21))).isEqualTo(42L);
      }
      assertThat(host.tenant("t1").reservedMemory()).isZero();
    }
  }

  /** {@code double.wasm} with a custom section making it a module of its own digest. */
  private static byte[] distinctDouble(int n) {
    byte[] base = TestPlans.wasm("double");
    byte[] payload = ("v" + n).getBytes(StandardCharsets.US_ASCII);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(base);
    out.write(0); // custom section
    out.write(1 + 1 + payload.length);
    out.write(1);
    out.write('x');
    out.writeBytes(payload);
    return out.toByteArray();
  }

  @Test
  void aTenantLoadingEverNewModulesKeepsOnlyAsManyAsItsCacheHolds() {
    TestPlans plans = new TestPlans(dir.resolve("blobs"));
    try (WasmHost host = WasmHost.builder().guestLog(line -> {}).moduleCacheSize(4).build()) {
      for (int i = 0; i < 20; i++) {
        ValidatedPlan plan =
            plans.plan("t1").component("double", "double", distinctDouble(i)).validate();
        try (Composition c = host.instantiate(plan)) {
          assertThat(c.call("double", "double", List.of(i))).isEqualTo(2L * i);
        }
      }
      Tenant t = host.tenant("t1");
      assertThat(t.preparedModules().size()).isEqualTo(4);
      assertThat(t.sources().size()).isEqualTo(4);
    }
    assertThatThrownBy(() -> WasmHost.builder().moduleCacheSize(0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aTenantThatCannotBeMadeLeavesNoEngineAndNoOpenAuditSink() {
    TestPlans plans = new TestPlans(dir.resolve("blobs"));
    ValidatedPlan plan = plans.plan("t1").component("double", "double").validate();
    ClosingSink sink = new ClosingSink(null);
    AtomicInteger attempts = new AtomicInteger();
    try (WasmHost host =
        WasmHost.builder()
            .guestLog(line -> {})
            .auditSinks(t -> sink)
            .secrets(
                t -> {
                  if (attempts.incrementAndGet() == 1) {
                    throw new IllegalStateException("secret store unreachable");
                  }
                  return null;
                })
            .build()) {
      assertThatThrownBy(() -> host.instantiate(plan)).hasMessage("secret store unreachable");
      assertThat(host.liveEngines()).isZero();
      assertThat(sink.closes).hasValue(1);
      // A file root that is not a directory fails inside the tenant, after its engine is built.
      try (WasmHost rooted =
          WasmHost.builder()
              .guestLog(line -> {})
              .fileRoots(t -> dir.resolve("blobs").resolve("no-such").resolve("\u0000"))
              .build()) {
        assertThatThrownBy(() -> rooted.instantiate(plan)).isNotNull();
        assertThat(rooted.liveEngines()).isZero();
      }
      try (Composition c = host.instantiate(plan)) {
        assertThat(c.call("double", "double", List.of(2))).isEqualTo(4L);
        assertThat(host.liveEngines()).isEqualTo(1);
      }
    }
  }

  @Test
  void closeClosesEveryTenantAndThrowsOneCodedErrorWithoutTheFailuresText() {
    TestPlans plans = new TestPlans(dir.resolve("blobs"));
    Map<String, ClosingSink> sinks = new ConcurrentHashMap<>();
    WasmHost host =
        WasmHost.builder()
            .guestLog(line -> {})
            .auditSinks(
                t ->
                    sinks.computeIfAbsent(
                        t, k -> new ClosingSink(k.equals("t2") ? "pin 4711" : null)))
            .build();
    List<Composition> open = new ArrayList<>();
    for (String t : List.of("t1", "t2", "t3")) {
      open.add(host.instantiate(plans.plan(t).component("double", "double").validate()));
    }
    assertThat(host.liveEngines()).isEqualTo(3);
    assertThatThrownBy(host::close)
        .isInstanceOfSatisfying(
            MosaicException.class,
            e -> {
              assertThat(e.code()).isEqualTo(HostCodes.CLOSE_FAILED);
              assertThat(e.getMessage()).doesNotContain("4711");
              assertThat(e.toString()).doesNotContain("4711");
              assertThat(e.getCause()).hasRootCauseMessage("pin 4711");
            });
    assertThat(sinks.values()).allSatisfy(s -> assertThat(s.closes).hasValue(1));
    assertThat(host.liveEngines()).isZero();
    for (Composition c : open) {
      assertThat(c.isClosed()).isTrue();
    }
    host.close(); // again: nothing left to close, nothing thrown
    assertThat(sinks.values()).allSatisfy(s -> assertThat(s.closes).hasValue(1));
  }

  @Test
  void afterCloseEveryUseIsE9008AndNoEngineIsBuilt() {
    TestPlans plans = new TestPlans(dir.resolve("blobs"));
    ValidatedPlan plan = plans.plan("t1").component("double", "double").validate();
    WasmHost host = WasmHost.builder().guestLog(line -> {}).build();
    Composition c = host.instantiate(plan);
    Export handle = c.export("double", "double");
    host.close();
    assertThat(host.isClosed()).isTrue();
    assertCode(() -> c.call("double", "double", List.of(1)), HostCodes.CLOSED);
    assertCode(() -> handle.callLong(1), HostCodes.CLOSED);
    assertCode(() -> host.instantiate(plan), HostCodes.CLOSED);
    assertCode(
        () -> host.instantiate(plans.plan("t9").component("d", "double").validate()),
        HostCodes.CLOSED);
    assertCode(() -> host.audit("t9"), HostCodes.CLOSED);
    assertThatThrownBy(() -> host.instantiate(plan)).hasMessage("error[E9008]: the host is closed");
    assertThat(host.liveEngines()).isZero();
    c.close();
  }

  @Test
  void closingTheHostStopsARunningCallWithE9008NotATimeout() throws Exception {
    TestPlans plans = new TestPlans(dir.resolve("blobs"));
    ValidatedPlan plan =
        plans
            .plan("t1")
            .component("h", "hostile")
            .allow("h", "log")
            .limits(10, 16L << 20, 60_000)
            .validate();
    WasmHost host = WasmHost.builder().guestLog(line -> {}).build();
    Composition c = host.instantiate(plan);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<Object> spinning = pool.submit(() -> c.call("h", "spin", List.of()));
      Thread.sleep(300);
      host.close();
      assertThatThrownBy(spinning::get)
          .cause()
          .isInstanceOfSatisfying(
              MosaicException.class,
              e -> assertThat(e).hasMessage("error[E9008]: the host is closed"));
      assertThat(host.liveEngines()).isZero();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anExportHandleChecksOnceAndCallsTypedFromManyThreads() throws Exception {
    TestPlans plans = new TestPlans(dir.resolve("blobs"));
    try (WasmHost host = WasmHost.builder().guestLog(line -> {}).build();
        Composition c =
            host.instantiate(
                plans
                    .plan("t1")
                    .component("double", "double")
                    .component("text", "text")
                    .validate())) {
      Export twice = c.export("double", "double");
      Export upper = c.export("text", "upper");
      Export size = c.export("text", "size");
      assertThat(twice.callLong(21)).isEqualTo(42L);
      assertThat(twice.callInt(-4)).isEqualTo(-8);
      assertThat(twice.callDouble(2)).isEqualTo(4.0);
      assertThat(twice.call(5)).isEqualTo(10L);
      assertThat(upper.callString("mosaic")).isEqualTo("MOSAIC");
      assertThat(size.callInt(new byte[] {1, 2, 3})).isEqualTo(3);
      assertThat(upper.toString()).isEqualTo("text.upper" + upper.signature());

      assertCode(() -> c.export("double", "triple"), HostCodes.BAD_CALL);
      assertCode(() -> c.export("nobody", "double"), HostCodes.BAD_CALL);
      assertCode(() -> upper.callLong("x"), HostCodes.BAD_CALL);
      assertCode(() -> twice.callString(1), HostCodes.BAD_CALL);
      assertCode(() -> upper.callBytes("x"), HostCodes.BAD_CALL);
      assertCode(() -> twice.callLong(1, 2), HostCodes.BAD_CALL);
      assertCode(() -> twice.callLong("one"), HostCodes.BAD_CALL);
      assertCode(() -> twice.callLong(1.5), HostCodes.BAD_CALL);

      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<Boolean>> runs = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          int base = t * 1000;
          runs.add(
              pool.submit(
                  () -> {
                    for (int i = 0; i < 50; i++) {
                      if (twice.callLong(base + i) != 2L * (base + i)) {
                        return false;
                      }
                    }
                    return true;
                  }));
        }
        for (Future<Boolean> f : runs) {
          assertThat(f.get()).isTrue();
        }
      } finally {
        pool.shutdownNow();
      }
      c.close();
      assertCode(() -> twice.callLong(1), HostCodes.CLOSED);
      assertCode(() -> c.export("double", "double"), HostCodes.CLOSED);
    }
  }

  @Test
  void theHostLogTellsTheLifecycleAndNeverASecretValueOrRawGuestText() throws Exception {
    TestPlans plans = new TestPlans(dir.resolve("blobs"));
    List<String> lines = new CopyOnWriteArrayList<>();
    List<Level> levels = new CopyOnWriteArrayList<>();
    FakeSecretBackend secrets =
        new FakeSecretBackend(
            "fake://t1", Map.of("api-key", "s3cr3t-value".getBytes(StandardCharsets.UTF_8)));
    try (AutoCloseable tap =
        HostLog.listen(
            (level, line) -> {
              levels.add(level);
              lines.add(line);
            })) {
      try (WasmHost host =
          WasmHost.builder()
              .guestLog(line -> {})
              .secrets(t -> secrets)
              .limits(HostLimits.DEFAULT.withCallRate(0.001, 3))
              .build()) {
        try (Composition c =
            host.instantiate(
                plans
                    .plan("t1")
                    .component("caps", "caps")
                    .allow("caps", "log")
                    .allow("caps", "clock")
                    .allow("caps", "random")
                    .allow("caps", "secret", "api-*")
                    .allow("caps", "kv", "cache/*")
                    .allow("caps", "http", "127.0.0.1:1")
                    .allow("caps", "files", "/data/*")
                    .validate())) {
          assertThat((Long) c.call("caps", "secret", List.of("api-key"))).isPositive();
          c.call("caps", "secret", List.of("db-password"));
          c.call("caps", "secret", List.of("db\n[INFO] forged"));
          assertCode(() -> c.call("caps", "secret", List.of("api-key")), HostCodes.CALL_RATE);
        }
      }
    }
    String all = String.join("\n", lines);
    assertThat(all)
        .contains("host started")
        .contains("tenant `t1` started")
        .contains("tenant `t1` instantiated plan")
        .contains("tenant `t1` hit its calls limit (E9101)")
        .contains("tenant `t1`: composition of plan")
        .contains("tenant `t1` closed: 2 capability calls denied, 1 limit hits")
        .contains("host closed: 1 tenants, 0 failed to close");
    assertThat(all).doesNotContain("s3cr3t").doesNotContain("forged");
    assertThat(lines).allSatisfy(l -> assertThat(l).doesNotContain("\n"));
    assertThat(HostLog.text("a`b\nc\u202e")).isEqualTo("`a\\u0060b\\u000ac\\u202e`");
  }
}
