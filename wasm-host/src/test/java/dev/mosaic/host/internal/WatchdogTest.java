package dev.mosaic.host.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The watchdog's deadlines: one expiry per call that ran out of time, never one for the next. */
class WatchdogTest {
  @Test
  void aDeadlinePassingAsACallEndsNeverExpiresTheNextCall() throws InterruptedException {
    try (Watchdog watchdog = new Watchdog()) {
      AtomicInteger expiries = new AtomicInteger();
      Deadline deadline = watchdog.deadline(expiries::incrementAndGet);
      int late = 0;
      // Calls that end right around their deadline, back to back, as a busy composition makes.
      for (int i = 0; i < 2_000; i++) {
        Deadline.Token token = deadline.arm(TimeUnit.MICROSECONDS.toNanos(20 + i % 40));
        long until = System.nanoTime() + TimeUnit.MICROSECONDS.toNanos(i % 10 == 0 ? 2_000 : 40);
        while (System.nanoTime() < until) {
          Thread.onSpinWait();
        }
        if (!deadline.disarm(token)) {
          late++;
        }
        assertThat(deadline.disarm(token))
            .as("disarm answers the same twice")
            .isEqualTo(deadline.disarm(token));
      }
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (expiries.get() < late && System.nanoTime() < until) {
        Thread.sleep(10);
      }
      Thread.sleep(200);
      // Every expiry belongs to a call that saw itself time out, and no call saw it twice.
      assertThat(late).isPositive();
      assertThat(expiries.get()).isEqualTo(late);
    }
  }

  @Test
  void aDeadlineNobodyDisarmsExpiresOnceAndAnArmedOneIsNotExpiredEarly()
      throws InterruptedException {
    try (Watchdog watchdog = new Watchdog()) {
      AtomicInteger expiries = new AtomicInteger();
      Deadline deadline = watchdog.deadline(expiries::incrementAndGet);
      Deadline.Token token = deadline.arm(TimeUnit.MILLISECONDS.toNanos(50));
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (expiries.get() == 0 && System.nanoTime() < until) {
        Thread.sleep(5);
      }
      assertThat(expiries.get()).isEqualTo(1);
      assertThat(deadline.disarm(token)).isFalse();
      assertThat(deadline.remainingNanos()).isZero();

      Deadline.Token next = deadline.arm(TimeUnit.SECONDS.toNanos(60));
      assertThat(deadline.remainingMillis()).isGreaterThan(1_000);
      Thread.sleep(300);
      assertThat(deadline.disarm(next)).isTrue();
      assertThat(expiries.get()).isEqualTo(1);
    }
  }
}
