package dev.mosaic.host.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.host.Composition;
import dev.mosaic.host.HostCodes;
import dev.mosaic.host.HostLimits;
import dev.mosaic.host.WasmHost;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.ValidatedPlan;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A composition or host closed from inside a host function the guest called, on the guest's own
 * thread: here the embedder's log sink closes it when the guest logs. The call must end with a
 * coded failure (E9008), the guest must not run on past the close or past its deadline, and the
 * tenant's reservations come back only once the guest is gone.
 */
class CloseFromInsideTest {
  /** Long past any deadline a test sets: a call still running then is stuck. */
  private static final Duration HANG = Duration.ofSeconds(60);

  @TempDir Path dir;
  private WasmHost host;
  private final AtomicReference<Runnable> onLog = new AtomicReference<>(() -> {});

  private WasmHost host() {
    host =
        WasmHost.builder()
            .guestLog(line -> onLog.get().run())
            .limits(HostLimits.DEFAULT.withMaxCompositionsPerTenant(1))
            .build();
    return host;
  }

  @AfterEach
  void tearDown() {
    if (host != null) {
      host.close();
    }
  }

  private ValidatedPlan plan(long maxMillis) {
    return new TimePlans(dir)
        .plan("t1", maxMillis)
        .component("g", "logspin")
        .allow("g", "log")
        .validate();
  }

  /** Runs the call on a thread of its own; the failure it ends with, or an error when it hangs. */
  private static MosaicException failureOf(Composition c, String function) throws Exception {
    CompletableFuture<Object> result =
        CompletableFuture.supplyAsync(() -> c.call("g", function, List.of()));
    try {
      Object out = result.get(HANG.toMillis(), TimeUnit.MILLISECONDS);
      throw new AssertionError("expected a coded failure, got " + out);
    } catch (TimeoutException e) {
      throw new AssertionError("the call still runs " + HANG + " after its composition closed");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof MosaicException m) {
        return m;
      }
      throw e;
    }
  }

  @Test
  void aGuestThatSpinsAfterItsCompositionIsClosedUnderItIsStopped() throws Exception {
    WasmHost h = host();
    ValidatedPlan plan = plan(2_000);
    Composition c = h.instantiate(plan);
    onLog.set(c::close);
    MosaicException e = failureOf(c, "spin");
    assertThat(e.code()).isEqualTo(HostCodes.CLOSED);
    assertThat(c.isClosed()).isTrue();
    onLog.set(() -> {});
    try (Composition again = h.instantiate(plan)) {
      assertThat(again.call("g", "seven", List.of())).isEqualTo(7L);
    }
  }

  @Test
  void aCallThatReturnsAfterItsCompositionIsClosedUnderItEndsAndTheCompositionStaysClosed()
      throws Exception {
    WasmHost h = host();
    ValidatedPlan plan = plan(60_000);
    Composition c = h.instantiate(plan);
    onLog.set(c::close);
    CompletableFuture<Object> call =
        CompletableFuture.supplyAsync(() -> c.call("g", "seven", List.of()));
    // The guest's result came back before the cancel reached it, or the cancel stopped it first.
    try {
      assertThat(call.get(HANG.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(7L);
    } catch (ExecutionException e) {
      assertThat(e.getCause())
          .isInstanceOfSatisfying(
              MosaicException.class, x -> assertThat(x.code()).isEqualTo(HostCodes.CLOSED));
    }
    assertThat(c.isClosed()).isTrue();
    assertThatThrownBy(() -> c.call("g", "seven", List.of()))
        .isInstanceOfSatisfying(
            MosaicException.class, x -> assertThat(x.code()).isEqualTo(HostCodes.CLOSED));
    // The reservation is back by the time the call has ended: one composition per tenant.
    onLog.set(() -> {});
    try (Composition again = h.instantiate(plan)) {
      assertThat(again.call("g", "seven", List.of())).isEqualTo(7L);
    }
  }

  @Test
  void aGuestThatSpinsAfterItsHostIsClosedUnderItIsStopped() throws Exception {
    WasmHost h = host();
    Composition c = h.instantiate(plan(2_000));
    onLog.set(h::close);
    MosaicException e = failureOf(c, "spin");
    assertThat(e.code()).isEqualTo(HostCodes.CLOSED);
    assertThat(h.isClosed()).isTrue();
  }

  @Test
  void aStartFunctionThatSpinsAfterItsHostIsClosedUnderItIsStopped() throws Exception {
    WasmHost h = host();
    ValidatedPlan plan =
        new TimePlans(dir)
            .plan("t1", 2_000)
            .component("g", "startlogspin")
            .allow("g", "log")
            .validate();
    onLog.set(h::close);
    CompletableFuture<Composition> built = CompletableFuture.supplyAsync(() -> h.instantiate(plan));
    try {
      Composition c = built.get(HANG.toMillis(), TimeUnit.MILLISECONDS);
      c.close();
      throw new AssertionError("expected a coded failure, got a composition");
    } catch (TimeoutException e) {
      throw new AssertionError("the start function still runs " + HANG + " after the host closed");
    } catch (ExecutionException e) {
      assertThat(e.getCause())
          .isInstanceOfSatisfying(
              MosaicException.class, x -> assertThat(x.code()).isEqualTo(HostCodes.CLOSED));
    }
  }
}
