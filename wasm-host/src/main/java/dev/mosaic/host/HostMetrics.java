package dev.mosaic.host;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

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
  private final LongAdder limitHits = new LongAdder();

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
    capabilityCounter(capability, allowed).increment();
  }

  /** The counter {@link #capability} increments, for callers that keep it. */
  public Counter capabilityCounter(String capability, boolean allowed) {
    String result = allowed ? "granted" : "denied";
    return counters.computeIfAbsent(
        "cap\u0000" + capability + "\u0000" + result,
        k ->
            Counter.builder("mosaic.capability.calls")
                .tag("tenant", tenant)
                .tag("capability", capability)
                .tag("result", result)
                .register(registry));
  }

  /** Capability calls denied so far, for the host's log. */
  long denials() {
    long n = 0;
    for (var e : counters.entrySet()) {
      if (e.getKey().startsWith("cap\u0000") && e.getKey().endsWith("\u0000denied")) {
        n += (long) e.getValue().count();
      }
    }
    return n;
  }

  /** Limit hits so far, for the host's log. */
  long limitHits() {
    return limitHits.sum();
  }

  public void limitHit(String limit) {
    limitHits.increment();
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
