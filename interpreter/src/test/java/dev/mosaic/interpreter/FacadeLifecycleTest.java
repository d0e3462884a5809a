package dev.mosaic.interpreter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.host.Composition;
import dev.mosaic.host.Export;
import dev.mosaic.host.HostCodes;
import dev.mosaic.host.HostLog;
import dev.mosaic.hsm.HostMode;
import dev.mosaic.hsm.attest.KeySigner;
import dev.mosaic.hsm.attest.PlanAttestation;
import dev.mosaic.interpreter.diag.DiagnosticRenderer;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.ValidatedPlan;
import dev.mosaic.plan.audit.AuditEvent;
import dev.mosaic.plan.audit.AuditSink;
import dev.mosaic.plan.diag.Diagnostic;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The facade's lifecycle as an embedder meets it: what close does, envelopes always checked, the
 * resolved host mode, one owner for audit sinks and secret backends, metrics, logging and causes.
 */
class FacadeLifecycleTest {
  static final Path HELLO = Path.of("..", "examples", "hello", "hello.mosaic");

  @TempDir Path dir;

  private Mosaic.Builder quiet() {
    return Mosaic.builder().store(dir.resolve("blobs")).output(line -> {}).guestLog(line -> {});
  }

  private static void assertCode(Runnable r, String code) {
    assertThatThrownBy(r::run)
        .isInstanceOfSatisfying(MosaicException.class, e -> assertThat(e.code()).isEqualTo(code));
  }

  @Test
  void afterCloseEveryEntryPointIsE9008AndOpenCompositionsAreClosed() {
    Mosaic mosaic = quiet().build();
    CompileResult compiled = mosaic.compile(HELLO);
    ValidatedPlan plan = mosaic.load(mosaic.encode(compiled.orThrow().plan()));
    byte[] planBytes = mosaic.encode(compiled.plan());
    Composition open = mosaic.instantiate(plan);
    Export greet = open.export("hello", "greet");
    assertThat(greet.callLong(20, 22)).isEqualTo(42L);
    mosaic.close();

    assertCode(() -> open.call("hello", "greet", List.of(1, 2)), HostCodes.CLOSED);
    assertCode(() -> greet.callLong(1, 2), HostCodes.CLOSED);
    assertCode(() -> mosaic.run(HELLO), HostCodes.CLOSED);
    assertCode(() -> mosaic.run(compiled), HostCodes.CLOSED);
    assertCode(() -> mosaic.instantiate(plan), HostCodes.CLOSED);
    assertCode(() -> mosaic.compile(HELLO), HostCodes.CLOSED);
    assertCode(() -> mosaic.load(planBytes), HostCodes.CLOSED);
    assertCode(() -> mosaic.load(planBytes, new byte[0]), HostCodes.CLOSED);
    assertCode(() -> mosaic.tenant("demo"), HostCodes.CLOSED);
    assertCode(() -> mosaic.audit("demo"), HostCodes.CLOSED);
    assertThatThrownBy(() -> mosaic.instantiate(plan))
        .hasMessage("error[E9008]: this Mosaic is closed");
    mosaic.close(); // twice: nothing happens
  }

  @Test
  void aTenantHandleOfAClosedMosaicRunsNothing() {
    Mosaic mosaic = quiet().build();
    TenantHandle demo = mosaic.tenant("demo");
    mosaic.close();
    assertCode(() -> demo.run(HELLO), HostCodes.CLOSED);
  }

  private static KeyPair ecKey() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(256);
    return g.generateKeyPair();
  }

  @Test
  void aSuppliedEnvelopeIsAlwaysChecked() throws Exception {
    KeyPair signer = ecKey();
    List<AuditEvent> events = new CopyOnWriteArrayList<>();
    try (Mosaic mosaic = quiet().audit(events::add).build()) {
      byte[] planBytes = mosaic.encode(mosaic.compile(HELLO).orThrow().plan());
      byte[] envelope =
          PlanAttestation.sign(
                  "hello.plan",
                  planBytes,
                  "test",
                  KeySigner.of(signer.getPrivate(), signer.getPublic()))
              .toJson();
      assertCode(
          () -> mosaic.load(planBytes, "this is not an envelope".getBytes(StandardCharsets.UTF_8)),
          "E4120");
      // Well formed and signed, but by a key this host was never told to trust.
      assertCode(() -> mosaic.load(planBytes, envelope), "E4121");
      assertThat(events)
          .filteredOn(e -> e.eventType().equals(AuditEvent.PLAN_VALIDATION))
          .extracting(e -> e.details().get("result"))
          .containsExactly("rejected", "rejected");
      // No envelope at all: loaded as an unsigned plan, as before.
      assertThat(mosaic.load(planBytes, null).tenant()).isEqualTo("demo");
    }
    try (Mosaic trusting = quiet().requireSignedPlans(signer.getPublic()).build()) {
      byte[] planBytes = trusting.encode(trusting.compile(HELLO).orThrow().plan());
      byte[] envelope =
          PlanAttestation.sign(
                  "hello.plan",
                  planBytes,
                  "test",
                  KeySigner.of(signer.getPrivate(), signer.getPublic()))
              .toJson();
      assertThat(trusting.load(planBytes, envelope).tenant()).isEqualTo("demo");
      assertCode(() -> trusting.load(planBytes, "{}".getBytes(StandardCharsets.UTF_8)), "E4120");
    }
  }

  @Test
  void productionModeFromTheProcessRequiresAnAuditDestination() {
    String before = System.getProperty(HostMode.PROPERTY);
    System.setProperty(HostMode.PROPERTY, "production");
    try {
      assertThatThrownBy(() -> quiet().build())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("audit destination");
      try (Mosaic audited = quiet().auditDirectory(dir.resolve("audit")).build()) {
        assertThat(audited.run(HELLO)).isEqualTo(42L);
      }
    } finally {
      if (before == null) {
        System.clearProperty(HostMode.PROPERTY);
      } else {
        System.setProperty(HostMode.PROPERTY, before);
      }
    }
  }

  /** A sink that counts its closes and may fail to close with a message holding a secret. */
  static final class ClosingSink implements AuditSink, AutoCloseable {
    final AtomicInteger closes = new AtomicInteger();
    final boolean fail;

    ClosingSink(boolean fail) {
      this.fail = fail;
    }

    @Override
    public void record(AuditEvent event) {}

    @Override
    public void close() {
      closes.incrementAndGet();
      if (fail) {
        throw new IllegalStateException("token pin is 86753");
      }
    }
  }

  @Test
  void auditSinksAreClosedOnceByOneOwnerAndAFailingOneStopsNothing() throws Exception {
    Map<String, ClosingSink> sinks = new ConcurrentHashMap<>();
    Mosaic mosaic =
        quiet().auditSinks(t -> sinks.computeIfAbsent(t, k -> new ClosingSink(false))).build();
    mosaic.run(HELLO);
    mosaic.close();
    assertThat(sinks).containsKey("demo");
    assertThat(sinks.values()).allSatisfy(s -> assertThat(s.closes).hasValue(1));

    Map<String, ClosingSink> failing = new ConcurrentHashMap<>();
    int opened = CountingBackendProvider.OPENED.get();
    int closed = CountingBackendProvider.CLOSED.get();
    Mosaic other =
        quiet()
            .secretBackend("demo", "counting", Map.of())
            .auditSinks(t -> failing.computeIfAbsent(t, k -> new ClosingSink(k.equals("demo"))))
            .build();
    other.run(HELLO);
    other.audit("zeta").record(AuditEvent.now("zeta", AuditEvent.EXECUTION, "", Map.of()));
    assertThatThrownBy(other::close)
        .isInstanceOfSatisfying(
            MosaicException.class,
            e -> {
              assertThat(e.code()).isEqualTo(HostCodes.CLOSE_FAILED);
              assertThat(e.getMessage()).doesNotContain("86753");
              assertThat(e.toString()).doesNotContain("86753");
              assertThat(DiagnosticRenderer.renderAll(e.diagnostics(), (String) null))
                  .doesNotContain("86753");
              assertThat(e.getCause()).hasMessageContaining("86753");
            });
    // The failing sink stopped neither the other tenant's sink nor the secret backend.
    assertThat(failing.get("zeta").closes).hasValue(1);
    assertThat(failing.get("demo").closes).hasValue(1);
    assertThat(CountingBackendProvider.OPENED.get() - opened).isEqualTo(1);
    assertThat(CountingBackendProvider.CLOSED.get() - closed).isEqualTo(1);
  }

  @Test
  void backendsOpenedForAFacadeThatIsNotBuiltAreClosed() {
    int opened = CountingBackendProvider.OPENED.get();
    int closed = CountingBackendProvider.CLOSED.get();
    assertThatThrownBy(
            () ->
                quiet()
                    .secretBackend("a", "counting", Map.of())
                    .secretBackend("b", "counting", Map.of("fail", "true"))
                    .build())
        .isInstanceOfSatisfying(
            MosaicException.class, e -> assertThat(e.code()).isEqualTo("E7107"));
    assertThat(CountingBackendProvider.OPENED.get() - opened).isEqualTo(1);
    assertThat(CountingBackendProvider.CLOSED.get() - closed).isEqualTo(1);
  }

  @Test
  void theFacadeTakesAMeterRegistryAndCallsCountInIt() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (Mosaic mosaic = quiet().meterRegistry(registry).build()) {
      assertThat(mosaic.meters()).isSameAs(registry);
      mosaic.run(HELLO);
    }
    assertThat(registry.get("mosaic.calls").tag("tenant", "demo").timer().count()).isEqualTo(1);
    assertThat(registry.get("mosaic.instantiations").tag("tenant", "demo").timer().count())
        .isEqualTo(1);
  }

  @Test
  void theLogTellsTheFacadesLifeWithoutSecretValues() throws Exception {
    List<String> lines = new CopyOnWriteArrayList<>();
    try (AutoCloseable tap = HostLog.listen((level, line) -> lines.add(line))) {
      try (Mosaic mosaic =
          quiet()
              .secretBackend("demo", "counting", Map.of("name", "vault-a", "pin", "p1n-0042"))
              .build()) {
        mosaic.run(HELLO);
      }
      assertThatThrownBy(
              () ->
                  quiet()
                      .secretBackend("demo", "counting", Map.of("fail", "true", "pin", "p1n-0042"))
                      .build())
          .isInstanceOf(MosaicException.class);
    }
    String all = String.join("\n", lines);
    assertThat(all)
        .contains("mosaic started in DEVELOPMENT mode: 1 secret backends opened, audit off")
        .contains("tenant `demo` instantiated plan")
        .contains("secret backend `counting` of tenant `demo` could not be opened: E7107")
        .contains("mosaic closed: 0 close failures");
    assertThat(all).doesNotContain("p1n-0042");
  }

  @Test
  void aCauseIsKeptForTheHostButNeverShown() {
    Throwable cause = new IllegalStateException("password=hunter2");
    MosaicException e =
        new MosaicException(
            Diagnostic.of("E9012", "closing left 1 part not closed cleanly").withHelp("see log"),
            cause);
    assertThat(e.getCause()).isSameAs(cause);
    assertThat(e.getMessage()).doesNotContain("hunter2");
    assertThat(e.toString()).doesNotContain("hunter2");
    assertThat(DiagnosticRenderer.renderAll(e.diagnostics(), (String) null))
        .doesNotContain("hunter2");
    assertThat(new MosaicException(List.of(Diagnostic.of("E9012", "x")), null).getCause()).isNull();
  }
}
