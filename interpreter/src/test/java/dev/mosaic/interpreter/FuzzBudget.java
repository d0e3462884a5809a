package dev.mosaic.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The time budget of one fuzz input. An input that takes more than {@link #MAX_CPU_MILLIS} of the
 * fuzzing thread's CPU fails the target: CPU time, not wall time, so other work on the machine does
 * not fail it. An input that blocks instead (a FIFO opened, a lock never released) uses no CPU, so
 * a watchdog stops the JVM when one input has run {@link #MAX_BLOCKED_SECONDS} of wall time, which
 * fails the run too. The first input of a run also pays for class loading and is exempt from the
 * CPU check.
 */
public final class FuzzBudget {
  static final long MAX_CPU_MILLIS = 1_000;
  static final long MAX_BLOCKED_SECONDS = 30;

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final ScheduledThreadPoolExecutor WATCHDOG = watchdog();
  private static boolean warm;

  private FuzzBudget() {}

  private static ScheduledThreadPoolExecutor watchdog() {
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "fuzz-watchdog");
              t.setDaemon(true);
              return t;
            });
    executor.setRemoveOnCancelPolicy(true);
    return executor;
  }

  public static <T> T within(Supplier<T> work) {
    Thread fuzzer = Thread.currentThread();
    ScheduledFuture<?> blocked =
        WATCHDOG.schedule(
            () -> {
              System.err.println(
                  "fuzz input blocked for over " + MAX_BLOCKED_SECONDS + " s; stopping the JVM");
              for (StackTraceElement e : fuzzer.getStackTrace()) {
                System.err.println("\tat " + e);
              }
              Runtime.getRuntime().halt(70);
            },
            MAX_BLOCKED_SECONDS,
            TimeUnit.SECONDS);
    long start = THREADS.getCurrentThreadCpuTime();
    T result;
    try {
      result = work.get();
    } finally {
      blocked.cancel(false);
    }
    long millis = (THREADS.getCurrentThreadCpuTime() - start) / 1_000_000;
    if (warm) {
      assertThat(millis).as("CPU milliseconds for one input").isLessThanOrEqualTo(MAX_CPU_MILLIS);
    }
    warm = true;
    return result;
  }
}
