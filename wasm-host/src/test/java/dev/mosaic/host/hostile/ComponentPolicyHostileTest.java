package dev.mosaic.host.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.host.Composition;
import dev.mosaic.host.HostLimits;
import dev.mosaic.host.WasmHost;
import dev.mosaic.host.component.ComponentCodes;
import dev.mosaic.host.component.ComponentPlans;
import dev.mosaic.plan.Binding;
import dev.mosaic.plan.Component;
import dev.mosaic.plan.FuncType;
import dev.mosaic.plan.FunctionDecl;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.WitWorld;
import dev.mosaic.plan.audit.AuditEvent;
import dev.mosaic.plan.store.FileBlobStore;
import java.nio.file.Path;
import java.util.ArrayList;
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

  /** The plan's `wit` and `exports` of a component, edited apart from its blob. */
  private static Component withWorld(
      Component c, List<String> witImports, List<String> witExports, List<FunctionDecl> exports) {
    return new Component(
        c.id(),
        c.digest(),
        c.imports(),
        exports,
        c.signature(),
        new WitWorld(witImports, witExports));
  }

  @Test
  void aPlanWhoseWitHidesAnImportOfTheBlobIsRefused() {
    WasmHost h = host(HostLimits.DEFAULT);
    // Without wasi:cli/stdout in `wit`, explain and --reach would not see that calc writes to log.
    assertCode(
        () ->
            h.instantiate(
                plans()
                    .component("calc", "calc", TRICKS + "#say")
                    .edit("calc", c -> withWorld(c, List.of(), c.wit().exports(), c.exports()))
                    .validate()),
        "E4203",
        "component `calc`'s `wit` imports in the plan differ from its blob's world: the plan"
            + " leaves out `wasi:io/streams@0.2.0#[method]output-stream.blocking-write-and-flush`,"
            + " `wasi:cli/stdout@0.2.0#get-stdout`");
  }

  @Test
  void aPlanThatListsCoreImportsForAComponentIsRefused() {
    WasmHost h = host(HostLimits.DEFAULT);
    // A WASI preview 1 import the validator lets through without a grant.
    FunctionDecl fake =
        new FunctionDecl(
            "wasi_snapshot_preview1", "proc_exit", new FuncType(List.of("i32"), List.of()));
    assertCode(
        () ->
            h.instantiate(
                plans()
                    .component("calc", "calc", TRICKS + "#say")
                    .component("app", "app", "run")
                    .bind("app", OPS, "calc")
                    .edit(
                        "app",
                        c ->
                            new Component(
                                c.id(),
                                c.digest(),
                                List.of(fake),
                                c.exports(),
                                c.signature(),
                                c.wit()))
                    .validate()),
        "E4203",
        "core imports in the plan differ from its blob's world: the blob has no `wasi_snapshot_preview1.proc_exit`");
  }

  @Test
  void aPlanThatClaimsAnExportTheBlobLacksIsRefused() {
    WasmHost h = host(HostLimits.DEFAULT);
    String steal = OPS + "#steal";
    assertCode(
        () ->
            h.instantiate(
                plans()
                    .component("calc", "calc", TRICKS + "#say")
                    .edit(
                        "calc",
                        c -> {
                          List<String> wit = new ArrayList<>(c.wit().exports());
                          wit.add(steal);
                          List<FunctionDecl> exports = new ArrayList<>(c.exports());
                          exports.add(
                              new FunctionDecl("", steal, new FuncType(List.of(), List.of())));
                          return withWorld(c, c.wit().imports(), wit, exports);
                        })
                    .validate()),
        "E4204",
        "component `calc`'s `wit` exports in the plan differ from its blob's world: the blob has"
            + " no `"
            + steal
            + "`");
  }

  @Test
  void aPlanThatRetypesAnExportIsRefused() {
    WasmHost h = host(HostLimits.DEFAULT);
    assertCode(
        () ->
            h.instantiate(
                plans()
                    .component("calc", "calc", TRICKS + "#say")
                    .edit(
                        "calc",
                        c ->
                            withWorld(
                                c,
                                c.wit().imports(),
                                c.wit().exports(),
                                c.exports().stream()
                                    .map(
                                        f ->
                                            f.name().equals(OPS + "#add")
                                                ? new FunctionDecl(
                                                    "",
                                                    f.name(),
                                                    new FuncType(List.of("i64"), List.of("i64")))
                                                : f)
                                    .toList()))
                    .validate()),
        "E4204",
        "component `calc`'s exports in the plan differ from its blob's world: the blob has no `"
            + OPS
            + "#add (i64) -> (i64)`; the plan leaves out `"
            + OPS
            + "#add (i32, i32) -> (i32)`");
  }

  @Test
  void aBindingOfAnInterfaceUnderAnotherImportModuleIsRefused() {
    WasmHost h = host(HostLimits.DEFAULT);
    assertCode(
        () ->
            h.instantiate(
                plans()
                    .component("calc", "calc", TRICKS + "#say")
                    .component("app", "app", "run")
                    .binding(new Binding("app", "", OPS, "calc", OPS))
                    .validate()),
        "E6005",
        "binding of interface `" + OPS + "` names import module ``");
  }

  @Test
  void aBindingOfAnInterfaceOutsideTheWorldsIsRefusedByTheValidator() {
    WasmHost h = host(HostLimits.DEFAULT);
    String other = "mosaic:calc/other@0.1.0";
    assertCode(
        () ->
            h.instantiate(
                plans()
                    .component("calc", "calc", TRICKS + "#say")
                    .component("app", "app", "run")
                    .bind("app", OPS, "calc")
                    .bind("app", other, "calc")
                    .validate()),
        "E6005",
        "component `app` imports no interface `" + other + "` in its `wit`");
    assertCode(
        () ->
            h.instantiate(
                plans()
                    .component("calc", "calc", TRICKS + "#say")
                    .component("app", "app", "run")
                    .bind("app", OPS, "calc", other)
                    .validate()),
        "E6002",
        "component `calc` exports no interface `" + other + "` in its `wit`");
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
