package dev.mosaic.host.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.host.Composition;
import dev.mosaic.host.HostCodes;
import dev.mosaic.host.HostLimits;
import dev.mosaic.host.HostLog;
import dev.mosaic.host.WasmHost;
import dev.mosaic.host.component.ComponentPlans;
import dev.mosaic.host.component.ResourceValue;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.ValidatedPlan;
import dev.mosaic.plan.store.FileBlobStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A component call (component model) that never returns, ended by what can end a call: the host
 * closing, its composition closing from another thread, its deadline, an interrupt of the calling
 * thread. Each ends the way the same ending ends a core module's call: the same code, the same
 * message, the same line in the host's log, the calling thread free, the reservations given back.
 * Guest code the canonical ABI runs around the call (a realloc lowering an argument, a post-return)
 * ends the same way.
 */
class ComponentCallTailTest {
  /** Long past any deadline a test sets: a call still running then is stuck. */
  private static final Duration HANG = Duration.ofSeconds(60);

  @TempDir Path dir;
  private WasmHost host;
  private final List<String> hostLog = new CopyOnWriteArrayList<>();
  private AutoCloseable tap;

  @BeforeEach
  void setUp() {
    tap = HostLog.listen((level, line) -> hostLog.add(line));
    host =
        WasmHost.builder()
            .guestLog(line -> {})
            .limits(HostLimits.DEFAULT.withMaxCompositionsPerTenant(1))
            .build();
  }

  @AfterEach
  void tearDown() throws Exception {
    host.close();
    tap.close();
  }

  private ValidatedPlan spinPlan(long maxMillis) {
    return new ComponentPlans(new FileBlobStore(dir.resolve("components")))
        .component("spin", "hostile-spin", "spin")
        .maxMillis(maxMillis)
        .validate();
  }

  private ValidatedPlan corePlan(long maxMillis) {
    return new TimePlans(dir.resolve("modules"))
        .plan("t1", maxMillis)
        .component("h", "hostile")
        .allow("h", "log")
        .validate();
  }

  /** Runs {@code work} on a thread of its own and returns the coded failure it ends with. */
  private static MosaicException failureOf(Callable<?> work, Consumer<Thread> meanwhile)
      throws Exception {
    CompletableFuture<Object> result = new CompletableFuture<>();
    Thread caller =
        new Thread(
            () -> {
              try {
                result.complete(work.call());
              } catch (Throwable e) {
                result.completeExceptionally(e);
              }
            },
            "component-call-tail");
    caller.setDaemon(true);
    caller.start();
    Thread.sleep(500);
    meanwhile.accept(caller);
    try {
      Object out = result.get(HANG.toMillis(), TimeUnit.MILLISECONDS);
      throw new AssertionError("expected a coded failure, got " + out);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof MosaicException m) {
        caller.join(HANG.toMillis());
        assertThat(caller.isAlive()).as("the calling thread is free").isFalse();
        return m;
      }
      throw e;
    }
  }

  /** The host's log line of a call that failed with {@code code}. */
  private String failedLine(String call, String code) {
    return hostLog.stream()
        .filter(l -> l.contains("call `" + call + "` of plan") && l.endsWith("failed with " + code))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("no failed-call line for " + call + " in " + hostLog));
  }

  @Test
  void closingTheHostUnderARunningComponentCallIsE9008AndLogged() throws Exception {
    Composition c = host.instantiate(spinPlan(60_000));
    long began = System.nanoTime();
    MosaicException e = failureOf(() -> c.call("spin", "spin", List.of()), t -> host.close());
    assertThat(e.code()).isEqualTo(HostCodes.CLOSED);
    assertThat(e).hasMessage("error[E9008]: the host is closed");
    assertThat(failedLine("spin.spin", "E9008")).startsWith("tenant `t1`: ");
    assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(30));
    assertThat(c.isClosed()).isTrue();
  }

  @Test
  void closingTheHostUnderARunningCoreCallGivesTheSameAnswer() throws Exception {
    Composition c = host.instantiate(corePlan(60_000));
    MosaicException e = failureOf(() -> c.call("h", "spin", List.of()), t -> host.close());
    assertThat(e).hasMessage("error[E9008]: the host is closed");
    assertThat(failedLine("h.spin", "E9008")).startsWith("tenant `t1`: ");
  }

  @Test
  void closingTheCompositionUnderARunningComponentCallIsE9008AndTheHostCarriesOn()
      throws Exception {
    ValidatedPlan plan = spinPlan(60_000);
    Composition c = host.instantiate(plan);
    MosaicException e = failureOf(() -> c.call("spin", "spin", List.of()), t -> c.close());
    assertThat(e.code()).isEqualTo(HostCodes.CLOSED);
    assertThat(e).hasMessage("error[E9008]: composition of plan `" + plan.digest() + "` is closed");
    failedLine("spin.spin", "E9008");
    // One composition per tenant: a second one is built only once the first gave its share back.
    try (Composition again = host.instantiate(plan)) {
      assertThat(again.call("spin", "one", List.of())).isEqualTo(1L);
    }
  }

  @Test
  void closingTheCompositionUnderARunningCoreCallGivesTheSameAnswer() throws Exception {
    ValidatedPlan plan = corePlan(60_000);
    Composition c = host.instantiate(plan);
    MosaicException e = failureOf(() -> c.call("h", "spin", List.of()), t -> c.close());
    assertThat(e).hasMessage("error[E9008]: composition of plan `" + plan.digest() + "` is closed");
    failedLine("h.spin", "E9008");
    try (Composition again = host.instantiate(plan)) {
      assertThat(again.call("h", "ok", List.of())).isEqualTo(7L);
    }
  }

  @Test
  void aComponentCallPastItsDeadlineStaysE9002() throws Exception {
    ValidatedPlan plan = spinPlan(300);
    Composition c = host.instantiate(plan);
    MosaicException e = failureOf(() -> c.call("spin", "spin", List.of()), t -> {});
    assertThat(e.code()).isEqualTo(HostCodes.TIMEOUT);
    assertThat(e.getMessage()).startsWith("error[E9002]: call `spin.spin` ran past its limit of ");
    failedLine("spin.spin", "E9002");
    assertThat(c.isClosed()).isTrue();
    try (Composition again = host.instantiate(plan)) {
      assertThat(again.call("spin", "one", List.of())).isEqualTo(1L);
    }
  }

  @Test
  void anInterruptedComponentCallEndsAsAnInterruptedCoreCallDoes() throws Exception {
    Composition core = host.instantiate(corePlan(2_000));
    MosaicException coreFailure =
        failureOf(() -> core.call("h", "spin", List.of()), Thread::interrupt);
    core.close();
    Composition c = host.instantiate(spinPlan(2_000));
    MosaicException e = failureOf(() -> c.call("spin", "spin", List.of()), Thread::interrupt);
    // The interrupt does not stop the guest: the core call runs on to its deadline.
    assertThat(coreFailure.code()).isEqualTo(HostCodes.TIMEOUT);
    assertThat(e.code()).isEqualTo(coreFailure.code());
    assertThat(e.getMessage())
        .isEqualTo(coreFailure.getMessage().replace("`h.spin`", "`spin.spin`"));
    failedLine("spin.spin", e.code());
    assertThat(c.isClosed()).isEqualTo(core.isClosed());
  }

  @Test
  void aComponentTrapHasTheCodeOfACoreTrapAndTheHostCarriesOn() throws Exception {
    Composition c = host.instantiate(spinPlan(5_000));
    MosaicException e = failureOf(() -> c.call("spin", "trap", List.of()), t -> {});
    assertThat(e.code()).isEqualTo(HostCodes.TRAP);
    assertThat(e.getMessage()).contains("trapped in `trap`");
    failedLine("spin.trap", "E9001");
    assertThat(c.call("spin", "one", List.of())).isEqualTo(1L);
  }

  @Test
  void aReallocThatNeverReturnsIsStoppedLikeTheCallItLowersFor() throws Exception {
    ValidatedPlan plan = spinPlan(60_000);
    Composition c = host.instantiate(plan);
    MosaicException closed = failureOf(() -> c.call("spin", "len", List.of("abc")), t -> c.close());
    assertThat(closed)
        .hasMessage("error[E9008]: composition of plan `" + plan.digest() + "` is closed");
    failedLine("spin.len", "E9008");
    Composition timed = host.instantiate(spinPlan(300));
    MosaicException late = failureOf(() -> timed.call("spin", "len", List.of("abc")), t -> {});
    assertThat(late.getMessage()).startsWith("error[E9002]: call `spin.len` ran past its limit");
  }

  @Test
  void aPostReturnThatNeverReturnsIsStoppedLikeTheCall() throws Exception {
    Composition timed = host.instantiate(spinPlan(300));
    MosaicException late = failureOf(() -> timed.call("spin", "stuck", List.of()), t -> {});
    assertThat(late.getMessage()).startsWith("error[E9002]: call `spin.stuck` ran past its limit");
    failedLine("spin.stuck", "E9002");
    timed.close();
    Composition c = host.instantiate(spinPlan(60_000));
    MosaicException e = failureOf(() -> c.call("spin", "stuck", List.of()), t -> host.close());
    assertThat(e).hasMessage("error[E9008]: the host is closed");
  }

  @Test
  void aDestructorTheHostRunsOutsideACallRunsUnderItsOwnDeadline() throws Exception {
    ValidatedPlan plan = spinPlan(300);
    Composition c = host.instantiate(plan);
    ResourceValue thing = (ResourceValue) c.call("spin", "make", List.of());
    MosaicException late = failureOf(() -> dropped(thing), t -> {});
    assertThat(late.getMessage())
        .startsWith("error[E9002]: call `spin.[resource-drop]thing` ran past its limit");
    failedLine("spin.[resource-drop]thing", "E9002");
    assertThat(c.isClosed()).isTrue();
    try (Composition again = host.instantiate(plan)) {
      assertThat(again.call("spin", "one", List.of())).isEqualTo(1L);
    }
  }

  @Test
  void aDestructorTheHostRunsIsStoppedByCloseLikeACall() throws Exception {
    ValidatedPlan plan = spinPlan(60_000);
    Composition c = host.instantiate(plan);
    ResourceValue first = (ResourceValue) c.call("spin", "make", List.of());
    ResourceValue second = (ResourceValue) c.call("spin", "make", List.of());
    MosaicException e = failureOf(() -> dropped(first), t -> c.close());
    assertThat(e).hasMessage("error[E9008]: composition of plan `" + plan.digest() + "` is closed");
    // After close the guest is gone: dropping is refused as a call on a closed composition is.
    assertThatThrownBy(second::drop)
        .isInstanceOfSatisfying(
            MosaicException.class, x -> assertThat(x.code()).isEqualTo(HostCodes.CLOSED));
    Composition other = host.instantiate(plan);
    ResourceValue third = (ResourceValue) other.call("spin", "make", List.of());
    MosaicException hostClosed = failureOf(() -> dropped(third), t -> host.close());
    assertThat(hostClosed).hasMessage("error[E9008]: the host is closed");
  }

  private static Object dropped(ResourceValue r) {
    r.drop();
    return "dropped";
  }

  @Test
  void closingTheHostUnderAStartFunctionIsE9008ForModulesAndComponents() throws Exception {
    ValidatedPlan component =
        new ComponentPlans(new FileBlobStore(dir.resolve("components")))
            .component("loop", "hostile-start-loop", "one")
            .maxMillis(60_000)
            .validate();
    long began = System.nanoTime();
    MosaicException e = failureOf(() -> host.instantiate(component), t -> host.close());
    assertThat(e).hasMessage("error[E9008]: the host is closed");
    assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(30));
    assertThat(hostLog)
        .anyMatch(l -> l.endsWith("could not instantiate plan " + component.digest() + ": E9008"));
    WasmHost second = WasmHost.builder().guestLog(line -> {}).build();
    ValidatedPlan module =
        new TimePlans(dir.resolve("modules"))
            .plan("t1", 60_000)
            .component("s", "startspin")
            .validate();
    MosaicException m = failureOf(() -> second.instantiate(module), t -> second.close());
    assertThat(m).hasMessage("error[E9008]: the host is closed");
  }

  /** Component {@code caller} whose {@code run} calls {@code callee}'s spinning function. */
  private ValidatedPlan boundPlan(long maxMillis) {
    return new ComponentPlans(new FileBlobStore(dir.resolve("components")))
        .component("callee", "hostile-spin-callee", "mosaic:spin/loop@0.1.0#spin")
        .component("caller", "hostile-spin-caller", "run")
        .bind("caller", "mosaic:spin/loop@0.1.0", "callee")
        .maxMillis(maxMillis)
        .validate();
  }

  @Test
  void aCallSpinningInABoundComponentEndsAsACallSpinningInItsOwn() throws Exception {
    ValidatedPlan plan = boundPlan(60_000);
    Composition c = host.instantiate(plan);
    MosaicException closed = failureOf(() -> c.call("caller", "run", List.of()), t -> c.close());
    assertThat(closed)
        .hasMessage("error[E9008]: composition of plan `" + plan.digest() + "` is closed");
    failedLine("caller.run", "E9008");
    Composition timed = host.instantiate(boundPlan(300));
    MosaicException late = failureOf(() -> timed.call("caller", "run", List.of()), t -> {});
    assertThat(late.getMessage()).startsWith("error[E9002]: call `caller.run` ran past its limit");
    timed.close();
    Composition c2 = host.instantiate(plan);
    MosaicException hostClosed =
        failureOf(() -> c2.call("caller", "run", List.of()), t -> host.close());
    assertThat(hostClosed).hasMessage("error[E9008]: the host is closed");
  }
}
