package dev.mosaic.interpreter.compiler;

import dev.mosaic.interpreter.model.CheckedComponent;
import dev.mosaic.interpreter.model.CheckedScript;
import dev.mosaic.interpreter.wit.WitFunctions;
import dev.mosaic.plan.Binding;
import dev.mosaic.plan.Capabilities;
import dev.mosaic.plan.FunctionDecl;
import dev.mosaic.plan.WitWorld;
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
   * @param interfaces for a component, each WIT interface it imports with its functions and what
   *     provides it: {@code mosaic:calc/ops@0.1.0 (add, neg) from calc}, {@code
   *     wasi:cli/stdout@0.2.3 (get-stdout) from the host: log}
   */
  public record Reach(
      String component,
      SortedSet<String> direct,
      SortedMap<String, List<String>> through,
      List<String> interfaces) {
    public Reach {
      interfaces = List.copyOf(interfaces);
    }

    /** A core module's reach: it imports no WIT interfaces. */
    public Reach(
        String component, SortedSet<String> direct, SortedMap<String, List<String>> through) {
      this(component, direct, through, List.of());
    }
  }

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
      if (c.world() != null) {
        for (String entry : WitFunctions.witWorld(c.world()).imports()) {
          String cap = WitWorld.capabilityOf(entry);
          if (cap != null && policy.decide(c.name(), cap, null).allowed()) {
            caps.add(cap);
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
    for (CheckedComponent c : script.components()) {
      String name = c.name();
      out.add(
          new Reach(
              name,
              direct.get(name),
              through(name, direct, callees),
              interfaces(c, script.bindings())));
    }
    return out;
  }

  /** A component's imported WIT interfaces, each with its functions and its provider. */
  private static List<String> interfaces(CheckedComponent c, List<Binding> bindings) {
    if (c.world() == null) {
      return List.of();
    }
    Map<String, List<String>> functions = new LinkedHashMap<>();
    for (String entry : WitFunctions.witWorld(c.world()).imports()) {
      String iface = WitWorld.interfaceOf(entry);
      if (iface != null) {
        functions
            .computeIfAbsent(iface, k -> new ArrayList<>())
            .add(entry.substring(iface.length() + 1));
      }
    }
    List<String> out = new ArrayList<>();
    functions.forEach(
        (iface, fs) -> {
          String from =
              bindings.stream()
                  .filter(b -> b.importer().equals(c.name()) && b.importName().equals(iface))
                  .map(Binding::exporter)
                  .findFirst()
                  .orElse(null);
          String cap = WitWorld.capabilityOf(iface + "#");
          out.add(
              iface
                  + " ("
                  + String.join(", ", fs)
                  + ") from "
                  + (from != null ? from : "the host" + (cap == null ? "" : ": " + cap)));
        });
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
      for (String iface : r.interfaces()) {
        out.append("  imports ").append(iface).append('\n');
      }
    }
    return out.toString();
  }
}
