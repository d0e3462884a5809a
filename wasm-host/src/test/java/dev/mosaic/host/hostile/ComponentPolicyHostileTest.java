package dev.mosaic.host.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.host.Composition;
import dev.mosaic.host.HostLimits;
import dev.mosaic.host.WasmHost;
import dev.mosaic.host.component.ComponentCodes;
import dev.mosaic.host.component.ComponentPlans;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.audit.AuditEvent;
import dev.mosaic.plan.store.FileBlobStore;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Components (component model) in a plan that reach for what their policy does not grant, or that
 * attack the host's limits through their inner modules and the canonical ABI.
 */
class ComponentPolicyHostileTest {
  private static final String TRICKS = "mosaic:calc/tricks@0.1.0";
  private static final String OPS = "mosaic:calc/ops@0.1.0";

  @TempDir Path dir;
  private WasmHost host;
  private final List<String> log = new CopyOnWriteArrayList<>();
  private final List<AuditEvent> audit = new CopyOnWriteArrayList<>();

  private WasmHost host(HostLimits limits) {
    host = WasmHost.builder().limits(limits).guestLog(log::add).auditSinks(t -> audit::add).build();
    return host;
  }

  private ComponentPlans plans() {
    return new ComponentPlans(new FileBlobStore(dir));
  }

  @AfterEach
  void tearDown() {
    if (host != null) {
      host.close();
    }
  }

  private static void assertCode(Runnable r, String code, String message) {
    assertThatThrownBy(r::run)
        .isInstanceOf(MosaicException.class)
        .hasMessageContaining(message)
        .extracting(e -> ((MosaicException) e).code())
        .isEqualTo(code);
  }

  @Test
  void anUnknownInterfaceIsRefusedWithItsName() {
    WasmHost h = host(HostLimits.DEFAULT);
    assertCode(
        () -> h.instantiate(plans().component("evil", "hostile-unknown-import", "one").validate()),
        ComponentCodes.UNKNOWN_IMPORT,
        "`evil:net/socket@1.0.0`, which is neither a host interface nor bound");
  }

  @Test
  void theFileSystemWithoutAGrantIsDeniedAndAudited() {
    WasmHost h = host(HostLimits.DEFAULT);
    assertCode(
        () -> h.instantiate(plans().component("fs", "hostile-filesystem", "one").validate()),
        "E7001",
        "imports `wasi:filesystem/preopens@0.2.0`, which needs capability `files`");
    assertThat(audit)
        .anyMatch(
            e ->
                e.eventType().equals(AuditEvent.CAPABILITY)
                    && "denied".equals(e.details().get("result"))
                    && "wasi:filesystem/preopens@0.2.0".equals(e.details().get("function")));
  }

  @Test
  void floodingStandardOutputIsRateLimited() {
    WasmHost h = host(HostLimits.DEFAULT.withLogRate(50, 1 << 20));
    try (Composition c =
        h.instantiate(
            plans()
                .component("calc", "calc", TRICKS + "#flood")
                .allow("calc", "log")
                .maxMillis(60_000)
                .validate())) {
      c.call("calc", TRICKS + "#flood", List.of(5_000L));
    }
    assertThat(log.stream().filter(l -> l.equals("[calc] flood")).count()).isLessThan(500);
    assertThat(audit)
        .anyMatch(
            e -> e.eventType().equals(AuditEvent.LIMIT) && "log".equals(e.details().get("limit")));
  }

  @Test
  void anInfiniteLoopInAnInnerModuleIsStoppedAtTheTimeLimit() {
    WasmHost h = host(HostLimits.DEFAULT);
    Composition c =
        h.instantiate(
            plans().component("calc", "calc", TRICKS + "#spin").maxMillis(500).validate());
    long began = System.nanoTime();
    assertCode(() -> c.call("calc", TRICKS + "#spin", List.of()), "E9002", "ran past its limit");
    assertThat((System.nanoTime() - began) / 1_000_000).isLessThan(30_000);
    assertThat(c.isClosed()).isTrue();
  }

  @Test
  void anInnerModuleCannotGrowItsMemoryPastTheCap() {
    WasmHost h = host(HostLimits.DEFAULT.withMaxModuleMemoryBytes(4L << 20));
    try (Composition c =
        h.instantiate(plans().component("calc", "calc", TRICKS + "#grow").validate())) {
      assertThat(c.call("calc", TRICKS + "#grow", List.of(1L))).isNotEqualTo(-1);
      // 4 MiB is 64 pages: growing by 100 more is refused by the engine (memory.grow gives -1).
      assertThat(c.call("calc", TRICKS + "#grow", List.of(100L))).isEqualTo(-1);
    }
  }

  @Test
  void theTenantsMemoryBudgetIsSharedByInnerMemories() {
    WasmHost h = host(HostLimits.DEFAULT);
    try (Composition c =
        h.instantiate(
            plans().component("calc", "calc", TRICKS + "#grow").maxMemory(2L << 20).validate())) {
      assertThat(c.call("calc", TRICKS + "#grow", List.of(64L))).isEqualTo(-1);
    }
  }

  @Test
  void aStringLoweredPastTheTransferLimitIsRefused() {
    WasmHost h = host(HostLimits.DEFAULT.withMaxTransferBytes(64 << 10));
    try (Composition c =
        h.instantiate(plans().component("calc", "calc", OPS + "#concat").validate())) {
      assertThat(c.call("calc", OPS + "#concat", List.of("a", "b"))).isEqualTo("ab");
      assertCode(
          () -> c.call("calc", OPS + "#concat", List.of("x".repeat(100_000), "")),
          "E9001",
          "transfer limit");
    }
  }

  @Test
  void aReallocReturningABlockOutsideMemoryTraps() {
    WasmHost h = host(HostLimits.DEFAULT);
    try (Composition c =
        h.instantiate(plans().component("bad", "hostile-bad-realloc", "len").validate())) {
      assertCode(() -> c.call("bad", "len", List.of("abc")), "E9001", "past the memory");
    }
  }

  @Test
  void anInnerStartFunctionThatLoopsIsStoppedAtTheTimeLimit() {
    WasmHost h = host(HostLimits.DEFAULT);
    long began = System.nanoTime();
    assertCode(
        () ->
            h.instantiate(
                plans().component("loop", "hostile-start-loop", "one").maxMillis(500).validate()),
        "E9002",
        "instantiating component `loop` ran past its limit");
    assertThat((System.nanoTime() - began) / 1_000_000).isLessThan(30_000);
  }
}
