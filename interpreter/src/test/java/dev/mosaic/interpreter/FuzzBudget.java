package dev.mosaic.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.Supplier;

/**
 * The time budget of one fuzz input: any input that takes more than a second of the fuzzing
 * thread's CPU fails the target. CPU time, not wall time, so other work on the machine does not
 * fail it; an input that blocks instead (a FIFO opened) is caught by libFuzzer's wall-clock {@code
 * -timeout}, which {@code scripts/fuzz} sets to the same second. The first input of a run also pays
 * for class loading and is exempt.
 */
final class FuzzBudget {
  static final long MAX_CPU_MILLIS = 1_000;

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static boolean warm;

  private FuzzBudget() {}

  static <T> T within(Supplier<T> work) {
    long start = THREADS.getCurrentThreadCpuTime();
    T result = work.get();
    long millis = (THREADS.getCurrentThreadCpuTime() - start) / 1_000_000;
    if (warm) {
      assertThat(millis).as("CPU milliseconds for one input").isLessThanOrEqualTo(MAX_CPU_MILLIS);
    }
    warm = true;
    return result;
  }
}
