package dev.mosaic.interpreter.compiler;

import dev.mosaic.interpreter.model.CheckedComponent;
import dev.mosaic.interpreter.model.CheckedScript;
import dev.mosaic.plan.Binding;
import dev.mosaic.plan.Capabilities;
import dev.mosaic.plan.FunctionDecl;
import dev.mosaic.plan.rules.PolicyEngine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Static capability reach: for each component, the capabilities it may use itself (imported and
 * granted by the policy) and those it can reach by calling, through bindings, components that use
 * them. Answers "can this plugin exfiltrate a secret?" before anything runs.
 */
public final class CapabilityReach {
  private CapabilityReach() {}

  /**
   * What one component can reach.
   *
   * @param component component name
   * @param direct capabilities it imports and the policy grants, sorted
   * @param through capabilities it reaches only through bindings, each with the shortest chain of
   *     components that leads to a user of it (first hop first), sorted by capability
   */
  public record Reach(
      String component, SortedSet<String> direct, SortedMap<String, List<String>> through) {}

  /** Reach of every component, in declaration order. */
  public static List<Reach> of(CheckedScript script) {
    PolicyEngine policy = new PolicyEngine(script.policy());
    Map<String, SortedSet<String>> direct = new LinkedHashMap<>();
    Map<String, SortedSet<String>> callees = new LinkedHashMap<>();
    for (CheckedComponent c : script.components()) {
      SortedSet<String> caps = new TreeSet<>();
      for (FunctionDecl imp : c.imports()) {
        String cap = imp.capability();
        if (cap != null && policy.decide(c.name(), cap, null).allowed()) {
          caps.add(cap);
        }
        // WASI reaches files through the directories `files` rules pre-open, and the log through
        // standard output and error when `log` is granted.
        if (imp.isWasi()) {
          for (String wasi : List.of(Capabilities.WASI_CAPABILITY, "log")) {
            if (policy.decide(c.name(), wasi, null).allowed()) {
              caps.add(wasi);
            }
          }
        }
      }
      direct.put(c.name(), caps);
      callees.put(c.name(), new TreeSet<>());
    }
    for (Binding b : script.bindings()) {
      if (callees.containsKey(b.importer()) && direct.containsKey(b.exporter())) {
        callees.get(b.importer()).add(b.exporter());
      }
    }
    List<Reach> out = new ArrayList<>();
    for (String name : direct.keySet()) {
      out.add(new Reach(name, direct.get(name), through(name, direct, callees)));
    }
    return out;
  }

  /** Breadth-first over the binding graph, so each capability gets its shortest chain. */
  private static SortedMap<String, List<String>> through(
      String start, Map<String, SortedSet<String>> direct, Map<String, SortedSet<String>> callees) {
    SortedMap<String, List<String>> found = new TreeMap<>();
    Map<String, List<String>> paths = new LinkedHashMap<>();
    paths.put(start, List.of());
    List<String> frontier = List.of(start);
    while (!frontier.isEmpty()) {
      List<String> next = new ArrayList<>();
      for (String node : frontier) {
        for (String callee : callees.get(node)) {
          if (paths.containsKey(callee)) {
            continue;
          }
          List<String> path = new ArrayList<>(paths.get(node));
          path.add(callee);
          paths.put(callee, List.copyOf(path));
          next.add(callee);
          for (String cap : direct.get(callee)) {
            if (!direct.get(start).contains(cap)) {
              found.putIfAbsent(cap, List.copyOf(path));
            }
          }
        }
      }
      frontier = next;
    }
    return found;
  }

  /**
   * Renders reach as text, one block per component:
   *
   * <pre>
   * app
   *   direct: http
   *   through bindings: secret (via vault)
   * </pre>
   */
  public static String render(List<Reach> reach) {
    StringBuilder out = new StringBuilder();
    for (Reach r : reach) {
      out.append(r.component()).append('\n');
      out.append("  direct: ")
          .append(r.direct().isEmpty() ? "none" : String.join(", ", r.direct()))
          .append('\n');
      List<String> through = new ArrayList<>();
      r.through()
          .forEach((cap, path) -> through.add(cap + " (via " + String.join(" -> ", path) + ")"));
      out.append("  through bindings: ")
          .append(through.isEmpty() ? "none" : String.join(", ", through))
          .append('\n');
    }
    return out.toString();
  }
}
