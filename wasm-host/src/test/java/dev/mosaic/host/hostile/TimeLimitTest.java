package dev.mosaic.host.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.host.Composition;
import dev.mosaic.host.HostLimits;
import dev.mosaic.host.KeyValueStore;
import dev.mosaic.host.WasmHost;
import dev.mosaic.host.audit.AuditLogVerifier;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.ValidatedPlan;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wall-time limits under attack: start functions that never return, host calls that block or run
 * long, and one tenant's stuck call next to another tenant's runaway loop.
 */
class TimeLimitTest {
  /** Far more than any limit below, even on a loaded machine; a guest still running is a hang. */
  private static final Duration HANG = Duration.ofSeconds(60);

  @TempDir Path dir;
  private TimePlans plans;
  private WasmHost host;

  @BeforeEach
  void setUp() {
    plans = new TimePlans(dir.resolve("store"));
    host =
        WasmHost.builder()
            .guestLog(line -> {})
            .auditDirectory(dir.resolve("audit"))
            .limits(HostLimits.DEFAULT.withMaxCompositionsPerTenant(1))
            .build();
  }

  @AfterEach
  void tearDown() {
    host.close();
  }

  /** Runs {@code work} on its own daemon thread; fails the test if it has not ended after HANG. */
  static <T> T within(Callable<T> work) throws Exception {
    CompletableFuture<T> result = new CompletableFuture<>();
    Thread t =
        new Thread(
            () -> {
              try {
                result.complete(work.call());
              } catch (Throwable e) {
                result.completeExceptionally(e);
              }
            },
            "time-limit-test");
    t.setDaemon(true);
    t.start();
    try {
      return result.get(HANG.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception x) {
        throw x;
      }
      throw e;
    }
  }

  static MosaicException failure(Callable<?> work) throws Exception {
    try {
      Object result = within(work);
      throw new AssertionError("expected a coded failure, got " + result);
    } catch (MosaicException e) {
      return e;
    }
  }

  private ValidatedPlan okPlan(String tenant) {
    return plans.plan(tenant, 5_000).component("h", "hostile").allow("h", "log").validate();
  }

  @Test
  void aStartFunctionThatNeverReturnsIsStoppedAtTheTimeLimit() throws Exception {
    ValidatedPlan plan = plans.plan("t1", 300).component("s", "startspin").validate();
    long start = System.nanoTime();
    MosaicException e = failure(() -> host.instantiate(plan));
    assertThat(e.code()).isEqualTo("E9002");
    assertThat(e.exitCode()).isEqualTo(70);
    assertThat(e.getMessage()).contains("`s`").contains("past its limit of 300 ms");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(HANG);
    // The stopped composition gave back its reservation: the tenant's only slot is free again.
    try (Composition c = within(() -> host.instantiate(okPlan("t1")))) {
      assertThat(c.call("h", "ok", List.of())).isEqualTo(7L);
    }
    assertThat(audit("t1")).contains("\"code\":\"E9002\"");
  }

  @Test
  void recursionInAStartFunctionIsAStackError() throws Exception {
    ValidatedPlan plan = plans.plan("t1", 10_000).component("s", "startdeep").validate();
    MosaicException e = failure(() -> host.instantiate(plan));
    assertThat(e.code()).isEqualTo("E9006");
    assertThat(e.exitCode()).isEqualTo(70);
    try (Composition c = within(() -> host.instantiate(okPlan("t1")))) {
      assertThat(c.call("h", "ok", List.of())).isEqualTo(7L);
    }
  }

  @Test
  void endlessReentryThroughABindingIsAStackError() throws Exception {
    ValidatedPlan plan =
        plans
            .plan("t1", 20_000)
            .component("t", "text")
            .component("r", "rerun")
            .bind("r", "text", "upper", "t", "upper")
            .validate();
    try (Composition c = within(() -> host.instantiate(plan))) {
      MosaicException e = failure(() -> c.call("r", "again", List.of("hi")));
      assertThat(e.code()).isEqualTo("E9006");
      assertThat(c.call("t", "upper", List.of("still here"))).isEqualTo("STILL HERE");
    }
  }

  @Test
  void aTimeoutInsideAnHttpCallIsE9002AndTheAuditLogStaysWhole() throws Exception {
    try (SilentServer server = new SilentServer()) {
      ValidatedPlan plan =
          plans
              .plan("web", 1_000)
              .component("w", "timecalls", TimePlans.timecalls(server.port()))
              .allow("w", "http", "127.0.0.1:*")
              .allow("w", "random")
              .allow("w", "kv")
              .validate();
      Composition first = within(() -> host.instantiate(plan));
      MosaicException e = failure(() -> first.call("w", "fetch", List.of()));
      assertThat(e.code()).isEqualTo("E9002");
      assertThat(e.exitCode()).isEqualTo(70);
      assertThat(first.isClosed()).isTrue();
      // The tenant's only composition slot is free as soon as E9002 arrives, and its audit log
      // still takes events after the interrupted call.
      try (Composition c = within(() -> host.instantiate(plan))) {
        assertThat(c.call("w", "fill", List.of(16))).isEqualTo(0L);
      }
      first.close();
    }
    String log = audit("web");
    assertThat(log).contains("\"code\":\"E9002\"").contains("\"result\":\"timeout\"");
    assertThat(log.lines().filter(l -> l.contains("\"action\":\"instantiate\""))).hasSize(2);
    AuditLogVerifier.Result verified = AuditLogVerifier.verify(auditFile("web"));
    assertThat(verified.valid()).as(verified.problem()).isTrue();
  }

  @Test
  void aHostCallThatNeverReturnsDoesNotStopAnotherTenantsLimit() throws Exception {
    BlockingStore store = new BlockingStore();
    try (WasmHost shared = WasmHost.builder().guestLog(line -> {}).keyValueStore(store).build()) {
      ValidatedPlan stuckPlan =
          plans
              .plan("stuck", 500)
              .component("w", "timecalls", TimePlans.timecalls(1))
              .allow("w", "http", "127.0.0.1:*")
              .allow("w", "random")
              .allow("w", "kv")
              .validate();
      ValidatedPlan spinPlan =
          plans
              .plan("spinner", 300)
              .component("w", "timecalls", TimePlans.timecalls(1))
              .allow("w", "http", "127.0.0.1:*")
              .allow("w", "random")
              .allow("w", "kv")
              .validate();
      Composition stuck = shared.instantiate(stuckPlan);
      Composition spinner = shared.instantiate(spinPlan);
      CompletableFuture<String> stuckCall =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  stuck.call("w", "stuck", List.of());
                  return "none";
                } catch (MosaicException e) {
                  return e.code();
                }
              },
              runnable -> {
                Thread t = new Thread(runnable, "stuck-tenant");
                t.setDaemon(true);
                t.start();
              });
      try {
        assertThat(store.entered.await(HANG.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        // Well past the stuck call's limit: its timeout has fired and is waiting on the store.
        Thread.sleep(1_500);
        long start = System.nanoTime();
        MosaicException e = failure(() -> spinner.call("w", "spin", List.of()));
        assertThat(e.code()).isEqualTo("E9002");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(HANG);
      } finally {
        store.release.countDown();
      }
      assertThat(stuckCall.get(HANG.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("E9002");
    }
  }

  @Test
  void oneLongRandomFillIsStoppedInsideTheHostCall() throws Exception {
    // What drawing 16 MiB of random bytes costs on this machine now.
    long draw16 = Long.MAX_VALUE;
    SecureRandom random = new SecureRandom();
    for (int i = 0; i < 2; i++) {
      long start = System.nanoTime();
      random.nextBytes(new byte[16 << 20]);
      draw16 = Math.min(draw16, (System.nanoTime() - start) / 1_000_000);
    }
    // One 64 MiB fill (the host lets a call move that much) into memory the guest already has,
    // with a limit that passes about a quarter into drawing its random bytes: a host call that
    // draws all of them before looking at the time ends after about 4 * draw16; one that stops
    // at the deadline ends soon after the limit.
    HostLimits limits =
        HostLimits.DEFAULT.withMaxTransferBytes(64L << 20).withMaxCompositionsPerTenant(8);
    long limit = Math.max(50, draw16);
    try (WasmHost big = WasmHost.builder().guestLog(line -> {}).limits(limits).build();
        Composition c =
            within(
                () ->
                    big.instantiate(
                        plans
                            .plan("t1", limit)
                            .maxMemory(128L << 20)
                            .component("w", "bigfill")
                            .allow("w", "random")
                            .validate()))) {
      long start = System.nanoTime();
      MosaicException e = failure(() -> c.call("w", "fill", List.of(64 << 20)));
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertThat(e.code()).isEqualTo("E9002");
      assertThat(millis)
          .as("drawing 16 MiB takes %d ms, the limit is %d ms", draw16, limit)
          .isLessThan(limit + 100 + draw16);
    }
  }

  private Path auditFile(String tenant) {
    return dir.resolve("audit").resolve(tenant).resolve("audit.jsonl");
  }

  private String audit(String tenant) throws IOException {
    return Files.readString(auditFile(tenant));
  }

  /** A store whose reads block, ignoring interrupts, until released: a hung backend. */
  static final class BlockingStore implements KeyValueStore {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    @Override
    public Optional<byte[]> get(String tenant, String key) {
      entered.countDown();
      boolean interrupted = false;
      while (true) {
        try {
          release.await();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      return Optional.empty();
    }

    @Override
    public void put(String tenant, String key, byte[] value) {}

    @Override
    public boolean delete(String tenant, String key) {
      return false;
    }
  }

  /** Accepts connections on 127.0.0.1 and never answers. */
  static final class SilentServer implements AutoCloseable {
    private final ServerSocket socket;
    private final List<Socket> held = new CopyOnWriteArrayList<>();

    SilentServer() throws IOException {
      socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      Thread t =
          new Thread(
              () -> {
                try {
                  while (true) {
                    held.add(socket.accept());
                  }
                } catch (IOException e) {
                  // closed
                }
              },
              "silent-server");
      t.setDaemon(true);
      t.start();
    }

    int port() {
      return socket.getLocalPort();
    }

    @Override
    public void close() throws IOException {
      socket.close();
      for (Socket s : held) {
        s.close();
      }
    }
  }
}
