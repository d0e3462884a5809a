package dev.mosaic.host;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;

/**
 * The {@code log}, {@code clock} and {@code random} capabilities: no parameters to check. They are
 * linked only when granted; each call is counted ({@code mosaic.capability.calls}), not audited.
 */
final class BasicCapabilities {
  /** Longest guest log line kept; longer ones are cut. */
  static final int MAX_LOG_BYTES = 64 * 1024;

  private static final SecureRandom RANDOM = new SecureRandom();

  private BasicCapabilities() {}

  static List<HostFunction> functions(CapabilityContext ctx) {
    return List.of(
        new HostFunction(
            "log",
            HostFunction.type(HostFunction.PTR_LEN, HostFunction.NONE),
            args -> {
              ctx.tenant.metrics.capability("log", true);
              int len = Math.min(args[1].asInt(), MAX_LOG_BYTES);
              byte[] bytes = ctx.guest.read(args[0].asInt(), Math.max(len, 0));
              ctx.log.accept(
                  "[" + ctx.component + "] " + new String(bytes, StandardCharsets.UTF_8));
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
              ctx.guest.read(ptr, len); // bounds check before filling
              byte[] bytes = new byte[len];
              RANDOM.nextBytes(bytes);
              ctx.guest.writeAt(ptr, bytes);
              return 0;
            }));
  }
}
