package dev.mosaic.interpreter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.host.audit.AuditLogVerifier;
import dev.mosaic.plan.MosaicException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decisions made before any plan runs reach the audit log, with the code that caused them. */
class FacadeAuditEventsTest {
  @TempDir Path dir;

  private Path script(String text) throws Exception {
    Path hello = Path.of("..", "examples", "hello");
    Files.copy(hello.resolve("hello.wasm"), dir.resolve("hello.wasm"));
    Path p = dir.resolve("hello.mosaic");
    Files.writeString(p, text);
    return p;
  }

  private Mosaic.Builder builder() {
    return Mosaic.builder()
        .store(dir.resolve("blobs"))
        .auditDirectory(dir.resolve("audit"))
        .output(line -> {})
        .guestLog(line -> {});
  }

  @Test
  void aScriptRefusedForAnUngrantedCapabilityIsAuditedWithE7001() throws Exception {
    String hello = Files.readString(FacadeOptionsTest.HELLO);
    Path denied = script(hello.replace("  allow hello log\n", ""));
    try (Mosaic mosaic = builder().build()) {
      assertThat(mosaic.compile(denied).ok()).isFalse();
    }
    Path log = dir.resolve("audit/demo/audit.jsonl");
    assertThat(Files.readAllLines(log))
        .anyMatch(
            l ->
                l.contains("\"event_type\":\"policy_decision\"")
                    && l.contains("\"code\":\"E7001\"")
                    && l.contains("\"result\":\"denied\"")
                    && l.contains("capability `log` is not granted to component `hello`"));
    assertThat(AuditLogVerifier.verify(log).valid()).isTrue();
  }

  @Test
  void anUnsignedPlanRefusedByASignedOnlyHostIsAuditedWithE4121() throws Exception {
    Path hello = script(Files.readString(FacadeOptionsTest.HELLO));
    byte[] planBytes;
    try (Mosaic compiler = Mosaic.builder().store(dir.resolve("blobs")).build()) {
      planBytes = compiler.encode(compiler.compile(hello).orThrow().plan());
    }
    var key = KeyPairGenerator.getInstance("EC").generateKeyPair();
    try (Mosaic mosaic = builder().requireSignedPlans(key.getPublic()).build()) {
      assertThatThrownBy(() -> mosaic.load(planBytes)).isInstanceOf(MosaicException.class);
      assertThatThrownBy(() -> mosaic.load(planBytes, "{}".getBytes()))
          .isInstanceOf(MosaicException.class);
    }
    List<String> lines = Files.readAllLines(dir.resolve("audit/_host/audit.jsonl"));
    assertThat(lines.stream().filter(l -> l.contains("\"plan_validation\"")))
        .hasSize(2)
        .allMatch(l -> l.contains("\"result\":\"rejected\"") && l.contains("\"codes\":\"E412"));
    assertThat(lines.getFirst()).contains("\"codes\":\"E4121\"");
  }

  @Test
  void aSecretBackendThatCannotOpenIsAudited() {
    // A missing PKCS#11 library: the same path as a wrong PIN or an absent token.
    assertThatThrownBy(
            () ->
                builder()
                    .secretBackend(
                        "acme",
                        "pkcs11",
                        Map.of(
                            "library", dir.resolve("no-such-lib.so").toString(),
                            "token-label", "mosaic",
                            "pin", "env:MOSAIC_TEST_NO_PIN"))
                    .build())
        .isInstanceOf(MosaicException.class);
    assertThat(dir.resolve("audit/acme/audit.jsonl"))
        .content()
        .contains("\"event_type\":\"secret_access\"")
        .contains("\"operation\":\"open\"")
        .contains("\"result\":\"error\"")
        .containsPattern("\"code\":\"E71[0-9][0-9]\"");
  }

  @Test
  void successfulCapabilityCallsAreCountedAndReadableThroughTheFacade() throws Exception {
    Path hello = script(Files.readString(FacadeOptionsTest.HELLO));
    try (Mosaic mosaic = builder().build()) {
      mosaic.run(hello);
      mosaic.run(hello);
      double logged =
          mosaic
              .meters()
              .get("mosaic.capability.calls")
              .tag("tenant", "demo")
              .tag("capability", "log")
              .tag("result", "granted")
              .counter()
              .count();
      assertThat(logged).isEqualTo(2.0);
    }
  }
}
