package dev.mosaic.host.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.host.Composition;
import dev.mosaic.host.WasmHost;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.audit.AuditEvent;
import dev.mosaic.plan.store.FileBlobStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JavaScript component (componentize-js) and a C component (clang, `jco embed` + `jco new`) in
 * one plan, the JavaScript one's import `mosaic:calc/ops` bound to the C one's export, run by
 * {@link Composition} under the plan's policy.
 */
class ComponentCompositionTest {
  static final String OPS = "mosaic:calc/ops@0.1.0";
  static final String TRICKS = "mosaic:calc/tricks@0.1.0";

  @TempDir Path dir;
  private WasmHost host;
  private ComponentPlans plans;
  private final List<String> log = new CopyOnWriteArrayList<>();
  private final List<AuditEvent> audit = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() {
    host = WasmHost.builder().guestLog(log::add).auditSinks(t -> audit::add).build();
    plans = new ComponentPlans(new FileBlobStore(dir));
  }

  @AfterEach
  void tearDown() {
    host.close();
  }

  @Test
  void aJavaScriptComponentCallsACComponentThroughABinding() {
    try (Composition c =
        host.instantiate(
            plans
                .component("calc", "calc", TRICKS + "#say")
                .component("app", "app", "run")
                .bind("app", OPS, "calc")
                .maxMillis(120_000)
                .validate())) {
      assertThat(c.call("app", "run", List.of("world"))).isEqualTo("hello, world: 5 10");
      assertThat(c.call("calc", OPS + "#add", List.of(40, 2))).isEqualTo(42);
      assertThat(c.call("calc", OPS + "#concat", List.of("a", "b"))).isEqualTo("ab");
      assertThat(c.call("calc", OPS + "#sum", List.of(List.of(1, 2, 3)))).isEqualTo(6L);
      List<Object> items = List.of(Map.of("name", "ab", "qty", 3L), Map.of("name", "c", "qty", 4L));
      assertThat(c.call("calc", OPS + "#total", List.of(items))).isEqualTo(10L);
      // Each call's arguments are freed by the post-return function: many calls fit in memory.
      String kib = "x".repeat(1024);
      for (int i = 0; i < 2_000; i++) {
        c.call("calc", OPS + "#concat", List.of(kib, ""));
      }
    }
  }

  @Test
  void standardOutputGoesToTheLogCapabilityEscapedWhenGranted() {
    try (Composition c =
        host.instantiate(
            plans.component("calc", "calc", TRICKS + "#say").allow("calc", "log").validate())) {
      c.call("calc", TRICKS + "#say", List.of("hi\u001b[31m"));
    }
    assertThat(log).contains("[calc] hi\\x1b[31m");
  }

  @Test
  void standardOutputIsDiscardedWithoutLog() {
    try (Composition c =
        host.instantiate(plans.component("calc", "calc", TRICKS + "#say").validate())) {
      c.call("calc", TRICKS + "#say", List.of("secret"));
    }
    assertThat(log).noneMatch(l -> l.contains("secret"));
  }

  @Test
  void aBindingWhoseFunctionsDifferIsRefusedNamingTheFunction() {
    // The C component's tricks interface bound where the JavaScript one imports ops.
    assertThatThrownBy(
            () ->
                host.instantiate(
                    plans
                        .component("calc", "calc", TRICKS + "#say")
                        .component("app", "app", "run")
                        .bind("app", OPS, "calc", TRICKS)
                        .validate()))
        .isInstanceOf(MosaicException.class)
        .hasMessageContaining("has no function `add`")
        .extracting(e -> ((MosaicException) e).code())
        .isEqualTo(ComponentCodes.BINDING_MISMATCH);
  }

  @Test
  void anUnboundImportIsRefusedWithTheInterfaceName() {
    assertThatThrownBy(() -> host.instantiate(plans.component("app", "app", "run").validate()))
        .isInstanceOf(MosaicException.class)
        .hasMessageContaining(OPS)
        .extracting(e -> ((MosaicException) e).code())
        .isEqualTo(ComponentCodes.UNKNOWN_IMPORT);
  }
}
