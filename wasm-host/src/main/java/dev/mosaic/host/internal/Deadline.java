package dev.mosaic.host.internal;

import dev.mosaic.host.CallTimedOut;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The wall-time deadline of the call a composition runs (instantiation included), watched by the
 * host's {@link Watchdog}. Each call arms a fresh {@link Token}; the token, not the composition, is
 * what the watchdog expires, so a deadline that passes just as call N returns can never stop call
 * N+1. Host calls ask {@link #check()} inside their loops so one long host call ends near the limit
 * instead of long after it.
 */
public final class Deadline {
  private final Watchdog watchdog;
  private final Runnable onExpiry;
  private final AtomicReference<Token> armed = new AtomicReference<>();

  Deadline(Watchdog watchdog, Runnable onExpiry) {
    this.watchdog = watchdog;
    this.onExpiry = onExpiry;
  }

  /** One armed call: ARMED until the call ends (ENDED) or the watchdog expires it (EXPIRED). */
  public static final class Token extends AtomicInteger {
    private static final long serialVersionUID = 1L;
    static final int ARMED = 0;
    static final int ENDED = 1;
    static final int EXPIRED = 2;

    final long at;

    Token(long at) {
      this.at = at;
    }
  }

  /** Starts the clock of a call that may run for {@code nanos}. */
  public Token arm(long nanos) {
    Token token = new Token(System.nanoTime() + nanos);
    armed.set(token);
    watchdog.armed(this, token.at);
    return token;
  }

  /**
   * Ends a call's clock; returns whether the call ended before its deadline expired. Calling it
   * again for the same token returns the same answer.
   */
  public boolean disarm(Token token) {
    token.compareAndSet(Token.ARMED, Token.ENDED);
    armed.compareAndSet(token, null);
    return token.get() == Token.ENDED;
  }

  /** Nanoseconds left to the armed call, 0 when none is armed or its deadline passed. */
  public long remainingNanos() {
    Token token = armed.get();
    if (token == null || token.get() != Token.ARMED) {
      return 0;
    }
    return Math.max(0, token.at - System.nanoTime());
  }

  /** Milliseconds left to the armed call, rounded up, 0 when its deadline passed. */
  public long remainingMillis() {
    long nanos = remainingNanos();
    return nanos == 0 ? 0 : Math.max(1, (nanos + 999_999) / 1_000_000);
  }

  /**
   * Throws {@link CallTimedOut} when the armed call's deadline has passed.
   *
   * @throws CallTimedOut when no time is left
   */
  public void check() {
    if (remainingNanos() == 0) {
      throw new CallTimedOut();
    }
  }

  /** The watchdog's side: the armed token, or {@code null}. */
  Token current() {
    return armed.get();
  }

  /** The watchdog's side: expires {@code token} if its call is still running. */
  boolean expire(Token token) {
    if (!token.compareAndSet(Token.ARMED, Token.EXPIRED)) {
      return false;
    }
    armed.compareAndSet(token, null);
    return true;
  }

  Runnable onExpiry() {
    return onExpiry;
  }

  /** Stops watching: the composition is closed. */
  public void forget() {
    watchdog.forget(this);
  }
}
