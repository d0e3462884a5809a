package dev.mosaic.host.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Stops calls that run past their deadline, for every composition of a host. One daemon thread
 * scans the armed {@link Deadline}s and sleeps until the earliest; arming and disarming a call
 * costs a few atomic operations and schedules no timer (the model is wasmtime's epoch interruption:
 * one ticker, many deadlines).
 *
 * <p>The watchdog itself never blocks. Stopping a guest closes its context, which waits until the
 * guest leaves the host call it sits in; that wait runs on a separate pool, so a host call that
 * does not return holds up one pool thread, never the limits of other calls. The pool is bounded;
 * an expiry it cannot take now is retried on the next scan.
 */
public final class Watchdog implements AutoCloseable {
  /** Longest sleep between scans when nothing is armed sooner. */
  private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(1);

  /** Delay before a stop the pool refused is tried again. */
  private static final long RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  /** Stops running at once; each waits for one guest to leave its host call. */
  static final int MAX_STOPPERS = 256;

  private final Set<Deadline> watched = ConcurrentHashMap.newKeySet();
  private final ThreadPoolExecutor stoppers;
  private final Thread thread;
  private final Deque<Runnable> refused = new ArrayDeque<>();
  private volatile boolean scanning;
  private volatile long nextWake;
  private volatile boolean closed;

  public Watchdog() {
    AtomicInteger count = new AtomicInteger();
    this.stoppers =
        new ThreadPoolExecutor(
            0,
            MAX_STOPPERS,
            10,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            r -> {
              Thread t = new Thread(r, "mosaic-stopper-" + count.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.nextWake = System.nanoTime() + IDLE_NANOS;
    this.thread = new Thread(this::run, "mosaic-watchdog");
    thread.setDaemon(true);
    thread.start();
  }

  /** A deadline for one composition; {@code onExpiry} runs on the stopper pool. */
  public Deadline deadline(Runnable onExpiry) {
    Deadline d = new Deadline(this, onExpiry);
    watched.add(d);
    return d;
  }

  void forget(Deadline d) {
    watched.remove(d);
  }

  /** Called when a deadline is armed: wakes the watchdog if it sleeps past {@code at}. */
  void armed(Deadline d, long at) {
    if (scanning || at - nextWake < 0) {
      LockSupport.unpark(thread);
    }
  }

  private void run() {
    while (!closed) {
      scanning = true;
      long now = System.nanoTime();
      long next = now + IDLE_NANOS;
      for (Deadline d : watched) {
        Deadline.Token token = d.current();
        if (token == null) {
          continue;
        }
        if (now - token.at >= 0) {
          if (d.expire(token)) {
            stop(d.onExpiry());
          }
        } else if (token.at - next < 0) {
          next = token.at;
        }
      }
      for (int i = refused.size(); i > 0; i--) {
        stop(refused.poll());
      }
      if (!refused.isEmpty() && now + RETRY_NANOS - next < 0) {
        next = now + RETRY_NANOS;
      }
      nextWake = next;
      scanning = false;
      long sleep = next - System.nanoTime();
      if (sleep > 0) {
        LockSupport.parkNanos(this, sleep);
      }
    }
  }

  private void stop(Runnable action) {
    try {
      stoppers.execute(action);
    } catch (RejectedExecutionException e) {
      if (!closed) {
        refused.add(action);
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    LockSupport.unpark(thread);
    stoppers.shutdownNow();
  }
}
