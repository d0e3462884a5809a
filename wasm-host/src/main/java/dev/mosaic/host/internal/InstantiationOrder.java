package dev.mosaic.host.internal;

import dev.mosaic.plan.Binding;
import dev.mosaic.plan.Component;
import dev.mosaic.plan.ValidatedPlan;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The order a composition instantiates a plan's components in. The validator refused cycles, so
 * every component is placed; one a cycle kept back would be left out rather than loop.
 */
public final class InstantiationOrder {
  private InstantiationOrder() {}

  /** Exporters before importers, so every binding's target exists when its importer links. */
  public static List<Component> instantiationOrder(ValidatedPlan plan) {
    Map<String, Set<String>> deps = new HashMap<>();
    for (Binding b : plan.plan().bindings()) {
      deps.computeIfAbsent(b.importer(), k -> new HashSet<>()).add(b.exporter());
    }
    List<Component> order = new ArrayList<>();
    Set<String> placed = new HashSet<>();
    Deque<Component> pending = new ArrayDeque<>(plan.plan().components());
    int stalled = 0;
    while (!pending.isEmpty() && stalled <= pending.size()) {
      Component c = pending.poll();
      if (placed.containsAll(deps.getOrDefault(c.id(), Set.of()))) {
        order.add(c);
        placed.add(c.id());
        stalled = 0;
      } else {
        pending.add(c);
        stalled++;
      }
    }
    return order;
  }
}
