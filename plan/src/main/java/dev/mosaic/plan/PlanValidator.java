package dev.mosaic.plan;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates a plan in phases (schema, blobs, graph, bindings) under {@link SystemLimits}. Each
 * phase reports all its errors, up to {@link #MAX_DIAGNOSTICS}; a later phase runs only when the
 * earlier ones passed.
 */
public final class PlanValidator {
  /** Errors reported per phase before the rest are summarized. */
  public static final int MAX_DIAGNOSTICS = 50;

  private final SystemLimits limits;
  private final BlobStore blobs;
  private final PlanCodec codec;

  public PlanValidator(SystemLimits limits, BlobStore blobs) {
    this.limits = limits;
    this.blobs = blobs;
    this.codec = new PlanCodec(limits);
  }

  /** Decodes and validates plan bytes. */
  public ValidatedPlan validate(byte[] planBytes) {
    return validate(codec.decode(planBytes));
  }

  /**
   * Validates a plan.
   *
   * @throws MosaicException carrying every diagnostic of the first failing phase
   */
  public ValidatedPlan validate(Plan plan) {
    schema(plan);
    Map<String, byte[]> loaded = blobPhase(plan);
    graph(plan);
    bindings(plan);
    return new ValidatedPlan(plan, codec.digest(plan), loaded);
  }

  private void schema(Plan plan) {
    Report r = new Report();
    if (plan.formatVersion() != Plan.FORMAT_VERSION) {
      r.add(
          PlanCodes.UNSUPPORTED_VERSION, "unsupported plan format version " + plan.formatVersion());
    }
    if (!FileBlobStore.isTenant(plan.tenant())) {
      r.add(PlanCodes.WRONG_TYPE, "invalid tenant name `" + clip(plan.tenant()) + "`");
    }
    if (plan.components().size() > limits.maxComponents()) {
      r.add(
          PlanCodes.TOO_MANY_COMPONENTS,
          "plan has "
              + plan.components().size()
              + " components, over the limit of "
              + limits.maxComponents());
    }
    if (plan.bindings().size() > limits.maxBindings()) {
      r.add(
          PlanCodes.TOO_MANY_BINDINGS,
          "plan has "
              + plan.bindings().size()
              + " bindings, over the limit of "
              + limits.maxBindings());
    }
    Set<String> ids = new HashSet<>();
    for (Component c : plan.components()) {
      if (!ids.add(c.id())) {
        r.add(PlanCodes.DUPLICATE_COMPONENT, "duplicate component id `" + clip(c.id()) + "`");
      }
      if (!FileBlobStore.isDigest(c.digest())) {
        r.add(
            PlanCodes.BAD_DIGEST,
            "component `" + clip(c.id()) + "` has a malformed digest `" + clip(c.digest()) + "`");
      }
    }
    for (PolicyRule rule : plan.policy()) {
      if (!Capabilities.KNOWN.contains(rule.capability())) {
        r.add(
            PlanCodes.UNKNOWN_CAPABILITY,
            "policy names unknown capability `" + clip(rule.capability()) + "`");
      }
    }
    r.throwIfAny();
  }

  private Map<String, byte[]> blobPhase(Plan plan) {
    Report r = new Report();
    Map<String, byte[]> loaded = new LinkedHashMap<>();
    for (Component c : plan.components()) {
      try {
        blobs
            .get(plan.tenant(), c.digest())
            .ifPresentOrElse(
                bytes -> loaded.put(c.id(), bytes),
                () ->
                    r.add(
                        Diagnostic.of(
                                PlanCodes.BLOB_MISSING,
                                "blob `"
                                    + c.digest()
                                    + "` of component `"
                                    + c.id()
                                    + "` is not in the store of tenant `"
                                    + plan.tenant()
                                    + "`")
                            .withHelp(
                                "add it with `mosaic blob add FILE --tenant "
                                    + plan.tenant()
                                    + "`")));
      } catch (MosaicException e) {
        e.diagnostics().forEach(r::add);
      }
    }
    r.throwIfAny();
    return loaded;
  }

  private void graph(Plan plan) {
    Report r = new Report();
    Map<String, List<String>> edges = new HashMap<>();
    for (Component c : plan.components()) {
      edges.put(c.id(), new ArrayList<>());
    }
    for (Binding b : plan.bindings()) {
      List<String> out = edges.get(b.importer());
      if (out != null && edges.containsKey(b.exporter()) && !out.contains(b.exporter())) {
        out.add(b.exporter());
      }
    }
    // Iterative DFS: colors detect cycles, memoized heights give the depth, no recursion.
    Map<String, Integer> color = new HashMap<>();
    Map<String, Integer> height = new HashMap<>();
    for (Component start : plan.components()) {
      if (color.containsKey(start.id())) {
        continue;
      }
      Deque<String> stack = new ArrayDeque<>();
      Deque<Integer> next = new ArrayDeque<>();
      stack.push(start.id());
      next.push(0);
      color.put(start.id(), 1);
      while (!stack.isEmpty()) {
        String node = stack.peek();
        int i = next.pop();
        List<String> out = edges.get(node);
        if (i < out.size()) {
          next.push(i + 1);
          String to = out.get(i);
          Integer c = color.get(to);
          if (c == null) {
            color.put(to, 1);
            stack.push(to);
            next.push(0);
          } else if (c == 1) {
            r.add(PlanCodes.CYCLE, "bindings form a cycle: " + cyclePath(stack, to));
          }
        } else {
          int h = 0;
          for (String to : out) {
            h = Math.max(h, height.getOrDefault(to, 0) + 1);
          }
          height.put(node, h);
          color.put(node, 2);
          stack.pop();
        }
      }
    }
    int depth = height.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    if (depth > limits.maxGraphDepth()) {
      r.add(
          PlanCodes.TOO_DEEP,
          "binding chain is " + depth + " deep, over the limit of " + limits.maxGraphDepth());
    }
    r.throwIfAny();
  }

  private static String cyclePath(Deque<String> stack, String to) {
    List<String> path = new ArrayList<>();
    for (String s : stack) {
      path.addFirst(s);
      if (s.equals(to)) {
        break;
      }
    }
    path.add(to);
    List<String> shown = path.size() > 12 ? path.subList(path.size() - 12, path.size()) : path;
    return (shown.size() < path.size() ? "... -> " : "")
        + String.join(" -> ", shown.stream().map(s -> "`" + clip(s) + "`").toList());
  }

  private void bindings(Plan plan) {
    Report r = new Report();
    Map<String, Component> byId = new HashMap<>();
    plan.components().forEach(c -> byId.put(c.id(), c));
    Set<String> bound = new HashSet<>();
    for (Binding b : plan.bindings()) {
      Component importer = byId.get(b.importer());
      Component exporter = byId.get(b.exporter());
      if (importer == null || exporter == null) {
        r.add(
            PlanCodes.UNKNOWN_COMPONENT,
            "binding names unknown component `"
                + clip(importer == null ? b.importer() : b.exporter())
                + "`");
        continue;
      }
      FunctionDecl imp = find(importer.imports(), b.importModule(), b.importName());
      FunctionDecl exp = find(exporter.exports(), "", b.exportName());
      if (imp == null) {
        r.add(
            PlanCodes.UNKNOWN_IMPORT,
            "component `"
                + b.importer()
                + "` has no import `"
                + clip(b.importModule())
                + "."
                + clip(b.importName())
                + "`");
      } else if (exp == null) {
        r.add(
            PlanCodes.UNKNOWN_EXPORT,
            "component `" + b.exporter() + "` has no export `" + clip(b.exportName()) + "`");
      } else if (!imp.type().equals(exp.type())) {
        r.add(
            PlanCodes.TYPE_MISMATCH,
            "binding `"
                + b.importer()
                + "."
                + b.importName()
                + "` expects "
                + imp.type()
                + " but `"
                + b.exporter()
                + "."
                + b.exportName()
                + "` has "
                + exp.type());
      }
      bound.add(b.importer() + "\u0000" + b.importModule() + "\u0000" + b.importName());
    }
    PolicyEngine policy = new PolicyEngine(plan.policy());
    for (Component c : plan.components()) {
      for (FunctionDecl imp : c.imports()) {
        if (imp.isCapability()) {
          String capability = Capabilities.capabilityOf(imp.name());
          if (!Capabilities.KNOWN.contains(capability)) {
            r.add(
                PlanCodes.UNKNOWN_CAPABILITY,
                "component `" + c.id() + "` imports unknown capability `" + clip(imp.name()) + "`");
          } else if (!policy.decide(c.id(), capability, null).allowed()) {
            r.add(
                Diagnostic.of(
                        PlanCodes.CAPABILITY_NOT_GRANTED,
                        "capability `"
                            + capability
                            + "` is not granted to component `"
                            + c.id()
                            + "`")
                    .withHelp("add `allow " + c.id() + " " + capability + "` to the policy"));
          }
        } else if (!bound.contains(c.id() + "\u0000" + imp.module() + "\u0000" + imp.name())) {
          r.add(
              PlanCodes.DANGLING_IMPORT,
              "import `"
                  + clip(imp.module())
                  + "."
                  + clip(imp.name())
                  + "` of component `"
                  + c.id()
                  + "` is not bound");
        }
      }
    }
    for (EntryPoint e : plan.entryPoints()) {
      Component c = byId.get(e.component());
      if (c == null || find(c.exports(), "", e.function()) == null) {
        r.add(
            PlanCodes.UNKNOWN_ENTRY,
            "entry point `" + clip(e.component()) + "." + clip(e.function()) + "` does not exist");
      }
    }
    // Denials (E7xxx) decide the exit code, so report them first when both kinds occur.
    r.throwIfAny();
  }

  private static FunctionDecl find(List<FunctionDecl> functions, String module, String name) {
    for (FunctionDecl f : functions) {
      if (f.name().equals(name) && (module.isEmpty() || f.module().equals(module))) {
        return f;
      }
    }
    return null;
  }

  private static String clip(String s) {
    return s.length() > 64 ? s.substring(0, 64) + "..." : s;
  }

  /** Collects a phase's diagnostics up to the cap. */
  private static final class Report {
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private int dropped;

    void add(String code, String message) {
      add(Diagnostic.of(code, message));
    }

    void add(Diagnostic d) {
      if (diagnostics.size() < MAX_DIAGNOSTICS) {
        diagnostics.add(d);
      } else {
        dropped++;
      }
    }

    void throwIfAny() {
      if (diagnostics.isEmpty()) {
        return;
      }
      List<Diagnostic> out = new ArrayList<>(diagnostics);
      if (dropped > 0) {
        Diagnostic last = out.getLast();
        out.set(out.size() - 1, last.withHelp("and " + dropped + " more errors not shown"));
      }
      throw new MosaicException(out);
    }
  }
}
