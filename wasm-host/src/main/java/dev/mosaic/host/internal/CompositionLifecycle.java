package dev.mosaic.host.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;

/**
 * The end of a composition's life, reached once whoever gets there first: its owner's close, a call
 * or instantiation that failed or ran out of time, or the watchdog when a deadline passes. Stopping
 * closes (or cancels) the composition's contexts, forgets its deadline, gives the tenant its
 * reservations back and lets every waiter go on.
 */
public final class CompositionLifecycle {
  /** No further calls: closed by its owner, or a call timed out (the composition's flag). */
  private final AtomicBoolean closed;

  /** The context was closed and the tenant's reservations released (once). */
  private final AtomicBoolean stopped = new AtomicBoolean();

  private final CountDownLatch released = new CountDownLatch(1);
  private final Context context;
  private final Map<String, Context> wasiContexts;
  private final Deadline deadline;
  private final Runnable release;
  private final Runnable onStopped;

  /**
   * @param closed the composition's flag, set when it takes no further calls
   * @param context the composition's context
   * @param wasiContexts the contexts of its WASI modules and components (filled while it links)
   * @param deadline the composition's deadline, forgotten when it stops
   * @param release detaches the composition from its tenant and gives back its reservations
   * @param onStopped run once it has stopped (logs it)
   */
  public CompositionLifecycle(
      AtomicBoolean closed,
      Context context,
      Map<String, Context> wasiContexts,
      Deadline deadline,
      Runnable release,
      Runnable onStopped) {
    this.closed = closed;
    this.context = context;
    this.wasiContexts = wasiContexts;
    this.deadline = deadline;
    this.release = release;
    this.onStopped = onStopped;
  }

  /**
   * Closes the context and releases the tenant's reservations, once: called on the watchdog's pool
   * when a deadline passes, after a call or instantiation that timed out, and by {@link
   * dev.mosaic.host.Composition#close()}. With {@code cancel} a guest still running is cancelled
   * (the close then waits until it leaves the host call it may sit in).
   */
  public void stop(boolean cancel) {
    if (stopped.compareAndSet(false, true)) {
      try {
        if (cancel) {
          cancelContexts();
        } else {
          closeContext();
        }
      } finally {
        deadline.forget();
        release.run();
        released.countDown();
      }
      onStopped.run();
    }
  }

  /** Run by the watchdog's pool when a call or instantiation runs past its deadline. */
  public void timeUp() {
    closed.set(true);
    stop(true);
  }

  /** Closes gracefully when no call is running (much cheaper), else cancels the running call. */
  private void closeContext() {
    for (Context c : contexts()) {
      try {
        c.close();
      } catch (IllegalStateException | PolyglotException e) {
        cancel(c);
      }
    }
  }

  /** The composition's context and those of its WASI components. */
  private List<Context> contexts() {
    List<Context> all = new ArrayList<>(wasiContexts.values());
    all.add(context);
    return all;
  }

  private void cancelContexts() {
    for (Context c : contexts()) {
      cancel(c);
    }
  }

  public static void cancel(Context c) {
    try {
      c.close(true);
    } catch (IllegalStateException | PolyglotException e) {
      // Already closed, e.g. by the guest's proc_exit.
    }
  }

  /**
   * Waits until the context is closed and the reservations released; an interrupt ends the wait.
   */
  public void awaitReleased() {
    try {
      released.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
