package dev.mosaic.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.ValidatedPlan;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Guests that spin, grow memory without end, recurse without end or abuse a host call. */
class HostileGuestTest {
  @TempDir Path dir;
  private TestPlans plans;
  private WasmHost host;

  @BeforeEach
  void setUp() {
    plans = new TestPlans(dir);
    host = WasmHost.builder().guestLog(line -> {}).build();
  }

  @AfterEach
  void tearDown() {
    host.close();
  }

  private ValidatedPlan hostile(long maxMemory, long maxMillis) {
    return plans
        .plan("t1")
        .component("h", "hostile")
        .allow("h", "log")
        .limits(10, maxMemory, maxMillis)
        .validate();
  }

  private static String code(Runnable r) {
    try {
      r.run();
    } catch (MosaicException e) {
      return e.code();
    }
    return "none";
  }

  @Test
  void anInfiniteLoopIsStoppedAtTheTimeLimitAndClosesTheComposition() {
    Composition c = host.instantiate(hostile(16 << 20, 300));
    long start = System.nanoTime();
    assertThatThrownBy(() -> c.call("h", "spin", List.of()))
        .isInstanceOfSatisfying(
            MosaicException.class,
            e -> {
              assertThat(e.code()).isEqualTo(HostCodes.TIMEOUT);
              assertThat(e.exitCode()).isEqualTo(70);
            })
        .hasMessageContaining("ran past its limit of 300 ms");
    long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
    // Stopping within limit + 100 ms is measured by HostBench.stopSpinningGuest; this bound only
    // catches a guest that is not stopped at all, and stays robust on a loaded machine.
    assertThat(elapsedMillis).isBetween(300L, 1_300L);
    assertThat(c.isClosed()).isTrue();
    assertThat(code(() -> c.call("h", "ok", List.of()))).isEqualTo(HostCodes.CLOSED);
  }

  @Test
  void aThousandTimedOutRunsLeaveTheHostHealthy() throws InterruptedException {
    ValidatedPlan plan = hostile(1 << 20, 5);
    // Warm up so the engine's own threads exist before counting.
    for (int i = 0; i < 20; i++) {
      try (Composition c = host.instantiate(plan)) {
        code(() -> c.call("h", "spin", List.of()));
      }
    }
    System.gc();
    int threadsBefore = Thread.activeCount();
    for (int i = 0; i < 1_000; i++) {
      try (Composition c = host.instantiate(plan)) {
        assertThat(code(() -> c.call("h", "spin", List.of()))).isEqualTo(HostCodes.TIMEOUT);
      }
    }
    Thread.sleep(200);
    assertThat(Thread.activeCount()).isLessThanOrEqualTo(threadsBefore + 2);
    // Every reservation was released: the whole 1 MiB budget is free again.
    try (Composition c = host.instantiate(hostile(1 << 20, 5_000))) {
      assertThat(c.call("h", "ok", List.of())).isEqualTo(7L);
    }
  }

  @Test
  void memoryGrowthStopsAtTheTenantLimit() {
    try (Composition c = host.instantiate(hostile(4 << 20, 5_000))) {
      assertThat(c.call("h", "grow", List.of())).isEqualTo(64L);
    }
  }

  @Test
  void memoryGrowthStopsAtTheHostModuleLimit() {
    try (WasmHost small =
            WasmHost.builder()
                .guestLog(line -> {})
                .limits(HostLimits.DEFAULT.withMaxModuleMemoryBytes(2 << 20))
                .build();
        Composition c = small.instantiate(hostile(64 << 20, 5_000))) {
      assertThat(c.call("h", "grow", List.of())).isEqualTo(32L);
    }
  }

  @Test
  void aModuleDeclaringMoreMemoryThanAllowedIsRejectedBeforeRunning() {
    try (WasmHost small =
        WasmHost.builder()
            .guestLog(line -> {})
            .limits(HostLimits.DEFAULT.withMaxModuleMemoryBytes(64 << 10))
            .build()) {
      assertThat(
              code(() -> small.instantiate(plans.plan("t1").component("text", "text").validate())))
          .isEqualTo("none");
      ValidatedPlan plan = hostile(64 << 20, 5_000);
      try (Composition c = small.instantiate(plan)) {
        assertThat(c.call("h", "grow", List.of())).isEqualTo(1L);
      }
    }
  }

  @Test
  void runawayRecursionIsAStackErrorAndTheHostCarriesOn() {
    try (Composition c = host.instantiate(hostile(16 << 20, 10_000))) {
      assertThatThrownBy(() -> c.call("h", "recurse", List.of(0)))
          .isInstanceOfSatisfying(
              MosaicException.class, e -> assertThat(e.code()).isEqualTo(HostCodes.STACK));
      assertThat(c.call("h", "ok", List.of())).isEqualTo(7L);
    }
  }

  @Test
  void aBadPointerInAHostCallTrapsTheGuestOnly() {
    try (Composition c = host.instantiate(hostile(16 << 20, 5_000))) {
      assertThatThrownBy(() -> c.call("h", "bad_log", List.of()))
          .isInstanceOfSatisfying(
              MosaicException.class, e -> assertThat(e.code()).isEqualTo(HostCodes.TRAP))
          .hasMessageContaining("outside its memory");
      assertThat(c.call("h", "ok", List.of())).isEqualTo(7L);
    }
  }
}
