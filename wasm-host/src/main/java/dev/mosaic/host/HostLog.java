package dev.mosaic.host;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * The host's log of its own events (host, tenant and composition lifecycle, limit hits, denials in
 * summary, failures with their codes), written to the {@link System.Logger} named {@code
 * dev.mosaic}, so it goes wherever the JVM's logging goes (java.util.logging by default, SLF4J or
 * Log4j through their {@code System.LoggerFinder} bridges). Events are logged at {@code DEBUG}
 * (java.util.logging's {@code FINE}), since every failure a caller can see is also thrown to it;
 * only failures no caller sees (closing a tenant's engine or audit log) are {@code WARNING}.
 *
 * <p>What it writes never holds a secret value, and text a guest or a plan controls (component and
 * tenant names are checked identifiers; anything else) is escaped by {@link #text(String)} so it
 * cannot forge a log line.
 *
 * <p>Thread-safety: thread-safe; listeners may be added and removed while others log.
 */
public final class HostLog {
  /** The logger every record goes to. */
  public static final String NAME = "dev.mosaic";

  private static final Logger LOGGER = System.getLogger(NAME);
  private static final List<BiConsumer<Level, String>> LISTENERS = new CopyOnWriteArrayList<>();

  private HostLog() {}

  /**
   * Also hands every record to {@code listener}, whatever the logger's level, until the returned
   * handle is closed: for an embedder's tests, or to forward the host's events elsewhere.
   */
  public static AutoCloseable listen(BiConsumer<Level, String> listener) {
    LISTENERS.add(listener);
    return () -> LISTENERS.remove(listener);
  }

  static void debug(String message) {
    log(Level.DEBUG, message, null);
  }

  static void warning(String message, Throwable cause) {
    log(Level.WARNING, message, cause);
  }

  /**
   * Writes one record. A {@code cause} is the host's own failure (closing an engine or a log),
   * never one that may carry a secret.
   */
  public static void log(Level level, String message, Throwable cause) {
    for (BiConsumer<Level, String> l : LISTENERS) {
      l.accept(level, message);
    }
    if (LOGGER.isLoggable(level)) {
      if (cause == null) {
        LOGGER.log(level, message);
      } else {
        LOGGER.log(level, message, cause);
      }
    }
  }

  /**
   * Text a guest, a plan or a caller controls, made safe for one log line: control and format
   * characters escaped as {@code \\uXXXX}, clipped to 200 characters, in backticks.
   */
  public static String text(String s) {
    if (s == null) {
      return "`null`";
    }
    StringBuilder out = new StringBuilder(Math.min(s.length(), 200) + 8).append('`');
    int n = 0;
    for (int i = 0; i < s.length() && n < 200; i++, n++) {
      char c = s.charAt(i);
      int type = Character.getType(c);
      if (c == '`'
          || c == '\\'
          || Character.isISOControl(c)
          || type == Character.FORMAT
          || type == Character.LINE_SEPARATOR
          || type == Character.PARAGRAPH_SEPARATOR
          || type == Character.SURROGATE) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    if (s.length() > 200) {
      out.append('…');
    }
    return out.append('`').toString();
  }
}
