package dev.mosaic.interpreter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.host.Composition;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.ValidatedPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An embedder binds plans to a tenant: a plan naming another tenant is refused (E7004). */
class TenantHandleTest {
  static final Path HELLO = EmbeddingHelloTest.HELLO;

  @TempDir Path dir;

  private static Consumer<MosaicException> mismatch() {
    return e -> {
      assertThat(e.code()).isEqualTo("E7004");
      assertThat(e.exitCode()).isEqualTo(77);
      assertThat(e.getMessage())
          .isEqualTo(
              "error[E7004]: the plan is for tenant `demo`, and this host runs it as tenant"
                  + " `acme`");
    };
  }

  @Test
  void theHandleOfThePlansTenantRunsIt() {
    List<String> printed = new ArrayList<>();
    try (Mosaic mosaic =
        Mosaic.builder().store(dir).output(printed::add).guestLog(line -> {}).build()) {
      assertThat(mosaic.tenant("demo").run(HELLO)).isEqualTo(42L);
      byte[] bytes = mosaic.encode(mosaic.compile(HELLO).orThrow().plan());
      ValidatedPlan plan = mosaic.tenant("demo").load(bytes);
      try (Composition c = mosaic.tenant("demo").instantiate(plan)) {
        assertThat(c.call("hello", "greet", List.of(1, 2))).isEqualTo(3L);
      }
    }
    assertThat(printed).containsExactly("42");
  }

  @Test
  void aPlanOfAnotherTenantIsRefusedBeforeItsBlobsAreReadAndTheRefusalIsAudited() throws Exception {
    Path audit = dir.resolve("audit");
    List<String> logged = new ArrayList<>();
    try (Mosaic mosaic =
        Mosaic.builder()
            .store(dir.resolve("blobs"))
            .auditDirectory(audit)
            .guestLog(logged::add)
            .build()) {
      byte[] bytes = mosaic.encode(mosaic.compile(HELLO).orThrow().plan());
      TenantHandle acme = mosaic.tenant("acme");
      assertThatThrownBy(() -> acme.load(bytes))
          .isInstanceOfSatisfying(MosaicException.class, mismatch());
      assertThatThrownBy(() -> acme.run(HELLO))
          .isInstanceOfSatisfying(MosaicException.class, mismatch());
      // A plan validated elsewhere cannot be instantiated through the handle either.
      ValidatedPlan demo = mosaic.load(bytes);
      assertThatThrownBy(() -> acme.instantiate(demo))
          .isInstanceOfSatisfying(MosaicException.class, mismatch());
    }
    assertThat(logged).as("the guest never ran").isEmpty();
    assertThat(Files.readString(audit.resolve("acme/audit.jsonl")))
        .contains("\"plan_validation\"", "\"rejected\"", "E7004", "\"plan_tenant\":\"demo\"");
  }

  @Test
  void anInvalidTenantNameIsRefused() {
    try (Mosaic mosaic = Mosaic.builder().store(dir).build()) {
      assertThatThrownBy(() -> mosaic.tenant("../other"))
          .isInstanceOfSatisfying(
              MosaicException.class, e -> assertThat(e.code()).isEqualTo("E3011"));
    }
  }

  @Test
  void aScriptOfAnotherTenantStoresNothingInThatTenantsStore(@TempDir Path work) throws Exception {
    Files.copy(HELLO.resolveSibling("hello.wasm"), work.resolve("hello.wasm"));
    Path script = Files.copy(HELLO, work.resolve("hello.mosaic"));
    Path blobs = dir.resolve("blobs");
    try (Mosaic mosaic = Mosaic.builder().store(blobs).guestLog(line -> {}).build()) {
      assertThatThrownBy(() -> mosaic.tenant("acme").run(script))
          .isInstanceOfSatisfying(MosaicException.class, mismatch());
      assertThat(mosaic.blobs().list("demo")).as("nothing stored for tenant demo").isEmpty();
      assertThat(mosaic.blobs().list("acme")).isEmpty();
    }
  }
}
