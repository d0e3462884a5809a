package dev.mosaic.host.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.host.Composition;
import dev.mosaic.host.GuestExit;
import dev.mosaic.host.WasmHost;
import dev.mosaic.host.component.ComponentPlans;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.audit.AuditEvent;
import dev.mosaic.plan.store.FileBlobStore;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The WASI 0.2 interfaces a component gets from the host without files (wasi/wasi.wat): the
 * monotonic clock and random numbers only when granted, random bytes capped per call, an empty
 * environment and argument list, and exit ending the call; output streams (wasi/streams.wat)
 * written through check-write, write and flush reach the log only when granted.
 */
class ComponentWasiHostileTest {
  @TempDir Path dir;
  private WasmHost host;
  private ComponentPlans plans;
  private final List<AuditEvent> audit = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() {
    host = WasmHost.builder().guestLog(line -> {}).auditSinks(t -> audit::add).build();
    plans = new ComponentPlans(new FileBlobStore(dir)).component("w", "wasi", "ticks");
  }

  @AfterEach
  void tearDown() {
    host.close();
  }

  private Composition granted() {
    return host.instantiate(plans.allow("w", "clock").allow("w", "random").validate());
  }

  @Test
  void theClockAndRandomWorkWhenGrantedAndTheirFirstCallsAreAudited() {
    try (Composition c = granted()) {
      assertThat(c.call("w", "ticks", List.of())).isEqualTo(true);
      Object a = c.call("w", "random-u64", List.of());
      Object b = c.call("w", "random-u64", List.of());
      assertThat(a).isInstanceOf(Long.class).isNotEqualTo(b);
      assertThat(c.call("w", "random-len", List.of(16L))).isEqualTo(16L);
    }
    assertThat(audit)
        .anyMatch(
            e ->
                e.eventType().equals(AuditEvent.CAPABILITY)
                    && "wasi:clocks/monotonic-clock@0.2.0#now".equals(e.details().get("function")))
        .anyMatch(
            e ->
                e.eventType().equals(AuditEvent.CAPABILITY)
                    && "wasi:random/random@0.2.0#get-random-bytes"
                        .equals(e.details().get("function")));
  }

  @Test
  void withoutClockTheComponentIsRefusedNamingTheInterface() {
    assertThatThrownBy(() -> host.instantiate(plans.allow("w", "random").validate()))
        .isInstanceOfSatisfying(
            MosaicException.class,
            e -> {
              assertThat(e.code()).isEqualTo("E7001");
              assertThat(e.getMessage())
                  .contains("imports `wasi:clocks/monotonic-clock@0.2.0`, which needs capability")
                  .contains("`clock`");
            });
  }

  @Test
  void withoutRandomTheComponentIsRefusedNamingTheInterface() {
    assertThatThrownBy(() -> host.instantiate(plans.allow("w", "clock").validate()))
        .isInstanceOfSatisfying(
            MosaicException.class,
            e -> {
              assertThat(e.code()).isEqualTo("E7001");
              assertThat(e.getMessage()).contains("imports `wasi:random/random@0.2.0`");
            });
  }

  @Test
  void randomBytesAreCappedAt64KiBACallHoweverManyAreAskedFor() {
    try (Composition c = granted()) {
      assertThat(c.call("w", "random-len", List.of(1L << 20))).isEqualTo(65_536L);
      // a u64 of 2^64 - 1 (a negative Long) is capped the same way
      assertThat(c.call("w", "random-len", List.of(-1L))).isEqualTo(65_536L);
    }
  }

  @Test
  void theEnvironmentAndArgumentsAreEmpty() {
    try (Composition c = granted()) {
      assertThat(c.call("w", "environment-len", List.of())).isEqualTo(0L);
      assertThat(c.call("w", "arguments-len", List.of())).isEqualTo(0L);
    }
  }

  @Test
  void exitEndsTheCallAndTheComponentWithItsStatus() {
    try (Composition c = granted()) {
      assertThat(c.call("w", "quit", List.of(0L))).isNull();
      assertThatThrownBy(() -> c.call("w", "ticks", List.of()))
          .isInstanceOfSatisfying(
              MosaicException.class,
              e -> assertThat(e.getMessage()).contains("component `w` has exited"));
    }
    try (Composition c = granted()) {
      assertThatThrownBy(() -> c.call("w", "quit", List.of(1L)))
          .isInstanceOfSatisfying(GuestExit.class, e -> assertThat(e.status()).isEqualTo(1));
    }
  }

  @Test
  void checkWriteWriteAndFlushGoToTheLogCapabilityOnlyWhenGranted() {
    List<String> lines = new CopyOnWriteArrayList<>();
    try (WasmHost h = WasmHost.builder().guestLog(lines::add).build()) {
      ComponentPlans streams =
          new ComponentPlans(new FileBlobStore(dir.resolve("granted")))
              .component("s", "streams", "emit");
      try (Composition c = h.instantiate(streams.allow("s", "log").validate())) {
        // check-write's budget, then the line written and flushed
        assertThat(c.call("s", "emit", List.of())).isEqualTo(4096L);
      }
      assertThat(lines).containsExactly("[s] hi from streams");
      lines.clear();
      ComponentPlans silent =
          new ComponentPlans(new FileBlobStore(dir.resolve("silent")))
              .component("s", "streams", "emit");
      try (Composition c = h.instantiate(silent.validate())) {
        assertThat(c.call("s", "emit", List.of())).isEqualTo(4096L);
      }
      assertThat(lines).noneMatch(l -> l.contains("hi from streams"));
    }
  }

  @Test
  void anExitStatusThatIsNoResultIsATrapNotAnExit() {
    try (Composition c = granted()) {
      // the core module passes 7 as the discriminant of `result`, which has two cases
      assertThatThrownBy(() -> c.call("w", "quit", List.of(7L)))
          .isInstanceOfSatisfying(
              MosaicException.class, e -> assertThat(e.code()).isEqualTo("E9001"))
          .isNotInstanceOf(GuestExit.class);
    }
  }
}
