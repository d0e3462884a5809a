package dev.mosaic.host;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A tenant's meters: every meter carries the tag {@code tenant}, which is the tenant's metrics
 * namespace. Names: {@code mosaic.calls} (timer, tag {@code outcome}), {@code
 * mosaic.capability.calls} (counter, tags {@code capability}, {@code result}), {@code
 * mosaic.limit.hits} (counter, tag {@code limit}), {@code mosaic.instantiations} (timer).
 */
public final class HostMetrics {
  private final MeterRegistry registry;
  private final String tenant;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();

  HostMetrics(MeterRegistry registry, String tenant) {
    this.registry = registry;
    this.tenant = tenant;
  }

  Timer call(String outcome) {
    return timers.computeIfAbsent(
        "call\u0000" + outcome,
        k ->
            Timer.builder("mosaic.calls")
                .tag("tenant", tenant)
                .tag("outcome", outcome)
                .register(registry));
  }

  Timer instantiation() {
    return timers.computeIfAbsent(
        "instantiate",
        k -> Timer.builder("mosaic.instantiations").tag("tenant", tenant).register(registry));
  }

  public void capability(String capability, boolean allowed) {
    String result = allowed ? "granted" : "denied";
    counters
        .computeIfAbsent(
            "cap\u0000" + capability + "\u0000" + result,
            k ->
                Counter.builder("mosaic.capability.calls")
                    .tag("tenant", tenant)
                    .tag("capability", capability)
                    .tag("result", result)
                    .register(registry))
        .increment();
  }

  public void limitHit(String limit) {
    counters
        .computeIfAbsent(
            "limit\u0000" + limit,
            k ->
                Counter.builder("mosaic.limit.hits")
                    .tag("tenant", tenant)
                    .tag("limit", limit)
                    .register(registry))
        .increment();
  }
}
