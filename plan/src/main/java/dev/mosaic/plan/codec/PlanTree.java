package dev.mosaic.plan.codec;

import dev.mosaic.plan.Binding;
import dev.mosaic.plan.Component;
import dev.mosaic.plan.EntryPoint;
import dev.mosaic.plan.FunctionDecl;
import dev.mosaic.plan.Plan;
import dev.mosaic.plan.PolicyRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Turns a plan into the tree of maps, arrays, strings and integers that is encoded. */
public final class PlanTree {
  private PlanTree() {}

  public static Map<String, Object> toTree(Plan plan) {
    Map<String, Object> m = CanonicalCbor.map();
    m.put("version", plan.formatVersion());
    m.put("tenant", plan.tenant());
    List<Object> components = list(plan.components().size());
    for (Component c : plan.components()) {
      components.add(component(c));
    }
    m.put("components", components);
    List<Object> bindings = list(plan.bindings().size());
    for (Binding b : plan.bindings()) {
      bindings.add(
          List.of(b.importer(), b.importModule(), b.importName(), b.exporter(), b.exportName()));
    }
    m.put("bindings", bindings);
    List<Object> policy = list(plan.policy().size());
    for (PolicyRule r : plan.policy()) {
      policy.add(
          List.of(
              r.effect().name().toLowerCase(Locale.ROOT),
              r.component(),
              r.capability(),
              r.patterns()));
    }
    m.put("policy", policy);
    Map<String, Object> limits = CanonicalCbor.map();
    limits.put("components", plan.limits().maxComponents());
    limits.put("memory", plan.limits().maxMemoryBytes());
    limits.put("time_ms", plan.limits().maxExecutionMillis());
    m.put("limits", limits);
    List<Object> entry = list(plan.entryPoints().size());
    for (EntryPoint e : plan.entryPoints()) {
      entry.add(List.of(e.component(), e.function()));
    }
    m.put("entry", entry);
    return m;
  }

  private static List<Object> list(int size) {
    return new ArrayList<>(size);
  }

  private static Object component(Component c) {
    Map<String, Object> m = CanonicalCbor.map();
    m.put("id", c.id());
    m.put("digest", c.digest());
    m.put("imports", functions(c.imports()));
    m.put("exports", functions(c.exports()));
    if (c.signature().required() || !c.signature().trustedKeys().isEmpty()) {
      Map<String, Object> s = CanonicalCbor.map();
      s.put("verifiers", c.signature().verifiers());
      s.put("keys", c.signature().trustedKeys());
      m.put("signature", s);
    }
    if (!c.wit().isEmpty()) {
      Map<String, Object> w = CanonicalCbor.map();
      w.put("imports", c.wit().imports());
      w.put("exports", c.wit().exports());
      m.put("wit", w);
    }
    return m;
  }

  private static List<Object> functions(List<FunctionDecl> functions) {
    List<Object> out = list(functions.size());
    for (FunctionDecl f : functions) {
      out.add(List.of(f.module(), f.name(), f.type().params(), f.type().results()));
    }
    return out;
  }
}
