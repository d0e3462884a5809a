package dev.mosaic.hsm.pkcs11;

import dev.mosaic.hsm.SecretCodes;
import dev.mosaic.hsm.SecretErrors;
import dev.mosaic.plan.MosaicException;
import iaik.pkcs.pkcs11.Session;
import iaik.pkcs.pkcs11.Token;
import iaik.pkcs.pkcs11.TokenException;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Read-only sessions on one token, each used by one thread at a time. A call borrows a session (an
 * idle one, or a new one while fewer than the maximum are open), runs, and hands it back; a session
 * that saw a session-level failure is closed instead. Login state is per token in PKCS#11, so
 * sessions opened after the backend logged in are logged in too.
 */
final class SessionPool implements AutoCloseable {
  private final Token token;
  private final String backendId;
  private final int maxSessions;
  private final Duration borrowTimeout;
  private final Semaphore permits;
  private final ConcurrentLinkedDeque<Session> idle = new ConcurrentLinkedDeque<>();
  private final Session loginSession;
  private volatile boolean closed;

  /** A call made with a borrowed session. */
  @FunctionalInterface
  interface SessionCall<T> {
    T call(Session session) throws TokenException;
  }

  SessionPool(
      Token token, String backendId, int maxSessions, Duration borrowTimeout, Session login) {
    this.token = token;
    this.backendId = backendId;
    this.maxSessions = maxSessions;
    this.borrowTimeout = borrowTimeout;
    this.permits = new Semaphore(maxSessions, true);
    this.loginSession = login;
  }

  /**
   * Runs {@code call} with a session. {@code what} describes the call for errors.
   *
   * @throws dev.mosaic.plan.MosaicException {@link SecretCodes#BACKEND_UNAVAILABLE} when no session
   *     frees up in time, or the coded form of the call's failure
   */
  <T> T run(String what, SessionCall<T> call) {
    acquire(what);
    Session session = null;
    try {
      session = idle.poll();
      if (session == null) {
        session =
            token.openSession(
                Token.SessionType.SERIAL_SESSION,
                Token.SessionReadWriteBehavior.RO_SESSION,
                null,
                null);
      }
      T result = call.call(session);
      giveBack(session);
      return result;
    } catch (TokenException e) {
      if (session != null) {
        if (Pkcs11Errors.sessionBroken(e)) {
          closeQuietly(session);
        } else {
          giveBack(session);
        }
      }
      throw Pkcs11Errors.failed(backendId, what, e);
    } catch (MosaicException e) {
      // a verdict about the object (missing, unextractable...), not about the session
      giveBack(session);
      throw e;
    } catch (RuntimeException | Error e) {
      if (session != null) {
        closeQuietly(session);
      }
      throw e;
    } finally {
      permits.release();
    }
  }

  private void acquire(String what) {
    if (closed) {
      throw new IllegalStateException("pkcs#11 backend `" + backendId + "` is closed");
    }
    try {
      if (!permits.tryAcquire(borrowTimeout.toNanos(), TimeUnit.NANOSECONDS)) {
        throw SecretErrors.error(
            SecretCodes.BACKEND_UNAVAILABLE,
            "no pkcs#11 session of `"
                + backendId
                + "` became free within "
                + borrowTimeout.toMillis()
                + " ms while "
                + what,
            "all " + maxSessions + " sessions are busy; raise `max-sessions`");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw SecretErrors.error(
          SecretCodes.BACKEND_UNAVAILABLE, "interrupted while waiting for a pkcs#11 session", null);
    }
  }

  private void giveBack(Session session) {
    if (closed) {
      closeQuietly(session);
    } else {
      idle.push(session);
    }
  }

  private static void closeQuietly(Session session) {
    try {
      session.closeSession();
    } catch (TokenException e) {
      // the session is gone either way
    }
  }

  /**
   * Closes every session, waiting up to the borrow timeout for calls in flight. Closing the last
   * session of a token logs the process out of it.
   */
  @Override
  public void close() {
    closed = true;
    boolean all = false;
    try {
      all = permits.tryAcquire(maxSessions, borrowTimeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Session session;
    while ((session = idle.poll()) != null) {
      closeQuietly(session);
    }
    closeQuietly(loginSession);
    if (all) {
      permits.release(maxSessions);
    }
  }
}
