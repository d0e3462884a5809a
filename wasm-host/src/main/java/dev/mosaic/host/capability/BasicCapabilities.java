package dev.mosaic.host.capability;

import dev.mosaic.host.HostFunction;
import dev.mosaic.host.internal.Guest;
import dev.mosaic.plan.audit.AuditEvent;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The {@code log}, {@code clock} and {@code random} capabilities: no parameters to check. They are
 * linked only when granted; each call is counted ({@code mosaic.capability.calls}), not audited. A
 * {@code log} line is escaped and counted against its tenant's log rate ({@link GuestLog}).
 */
public final class BasicCapabilities {
  /** Longest guest log line kept; longer ones are cut. */
  public static final int MAX_LOG_BYTES = 64 * 1024;

  private static final SecureRandom RANDOM = new SecureRandom();

  private BasicCapabilities() {}

  /**
   * Writes one line a component logs, prefixed with its name: the one way guest text reaches the
   * host's log, for {@code mosaic.log} and for a WASI guest's standard output and error.
   */
  static void log(CapabilityContext ctx, byte[] bytes) {
    long dropped = ctx.tenant.log.admit(bytes.length);
    if (dropped < 0) {
      ctx.log.accept("[" + ctx.component + "] " + GuestLog.escape(bytes));
    } else if (dropped > 0) {
      ctx.tenant.metrics.limitHit("log");
      ctx.audit(
          AuditEvent.LIMIT,
          Map.of(
              "limit",
              "log",
              "result",
              "denied",
              "reason",
              "log output over "
                  + ctx.limits.logLinesPerSecond()
                  + " lines or "
                  + ctx.limits.logBytesPerSecond()
                  + " bytes per second; "
                  + dropped
                  + " lines dropped since the last report"));
    }
  }

  static List<HostFunction> functions(CapabilityContext ctx) {
    return List.of(
        new HostFunction(
            "log",
            HostFunction.type(HostFunction.PTR_LEN, HostFunction.NONE),
            args -> {
              ctx.tenant.metrics.capability("log", true);
              int len = Math.min(args[1].asInt(), MAX_LOG_BYTES);
              log(ctx, ctx.guest.read(args[0].asInt(), Math.max(len, 0)));
              return null;
            }),
        new HostFunction(
            "clock_now",
            HostFunction.type(HostFunction.NONE, HostFunction.I64),
            args -> {
              ctx.tenant.metrics.capability("clock", true);
              Instant now = Instant.now();
              return now.getEpochSecond() * 1_000_000_000L + now.getNano();
            }),
        new HostFunction(
            "clock_monotonic",
            HostFunction.type(HostFunction.NONE, HostFunction.I64),
            args -> {
              ctx.tenant.metrics.capability("clock", true);
              return System.nanoTime();
            }),
        new HostFunction(
            "random_fill",
            HostFunction.type(HostFunction.PTR_LEN, HostFunction.I32),
            args -> {
              ctx.tenant.metrics.capability("random", true);
              int ptr = args[0].asInt();
              int len = args[1].asInt();
              ctx.guest.checkRange(ptr, len);
              // In chunks, each after a look at the deadline: 16 MiB in one call must not run
              // seconds past the limit.
              byte[] chunk = new byte[Math.min(len, Guest.CHUNK)];
              for (int done = 0; done < len; done += chunk.length) {
                ctx.guest.deadline().check();
                int n = Math.min(chunk.length, len - done);
                RANDOM.nextBytes(chunk);
                ctx.guest.writeAt(ptr + done, chunk, n);
              }
              return 0;
            }));
  }
}
