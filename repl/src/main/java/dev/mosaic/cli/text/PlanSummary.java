package dev.mosaic.cli.text;

import dev.mosaic.interpreter.diag.DiagnosticRenderer;
import dev.mosaic.plan.Binding;
import dev.mosaic.plan.Component;
import dev.mosaic.plan.EntryPoint;
import dev.mosaic.plan.FunctionDecl;
import dev.mosaic.plan.Plan;
import dev.mosaic.plan.PolicyRule;
import dev.mosaic.plan.SignatureRequirement;
import dev.mosaic.plan.TenantLimits;
import dev.mosaic.plan.rules.PolicyEngine;
import dev.mosaic.plan.verify.ComponentVerification;
import dev.mosaic.plan.verify.SignatureStatus;
import dev.mosaic.plan.wasm.WasmInterface;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/** A plan as people read it: used by {@code mosaic inspect} and the REPL's {@code :plan}. */
public final class PlanSummary {
  private PlanSummary() {}

  /**
   * Renders a plan.
   *
   * @param digest the plan's digest
   * @param plan the plan
   * @param inStore whether a component's blob is in the tenant's store
   */
  public static String render(String digest, Plan plan, Predicate<Component> inStore) {
    return render(digest, plan, inStore, Map.of());
  }

  /**
   * A plan summary that also shows each component's signature check.
   *
   * @param verifications signature outcomes by component id (components without one show only their
   *     requirement)
   */
  public static String render(
      String digest,
      Plan plan,
      Predicate<Component> inStore,
      Map<String, ComponentVerification> verifications) {
    StringBuilder s = new StringBuilder();
    s.append("plan     ").append(digest).append('\n');
    s.append("tenant   ").append(plan.tenant()).append('\n');
    s.append("limits   ").append(limits(plan.limits())).append('\n');
    PolicyEngine policy = new PolicyEngine(plan.policy());
    s.append("components (").append(plan.components().size()).append(")\n");
    for (Component c : plan.components()) {
      s.append("  ")
          .append(c.id())
          .append("  ")
          .append(c.digest())
          .append(inStore.test(c) ? "" : "  (not in store)")
          .append('\n');
      signature(s, c, verifications.get(c.id()));
      for (FunctionDecl f : c.imports()) {
        s.append("    import ").append(f.module()).append('.').append(f.name()).append(' ');
        s.append(f.type());
        if (f.capability() != null) {
          String capability = f.capability();
          boolean allowed = policy.decide(c.id(), capability, null).allowed();
          s.append("  capability `")
              .append(capability)
              .append("` ")
              .append(allowed ? "granted" : "not granted");
        }
        s.append('\n');
      }
      for (FunctionDecl f : c.exports()) {
        s.append("    export ").append(f.name()).append(' ').append(f.type()).append('\n');
      }
    }
    s.append("bindings (").append(plan.bindings().size()).append(")\n");
    for (Binding b : plan.bindings()) {
      if (b.importModule().equals(b.importName())
          && WasmInterface.isInterfaceName(b.importName())) {
        // A WIT interface, as the script binds it.
        s.append("  ")
            .append(b.importer())
            .append(".\"")
            .append(b.importName())
            .append("\" -> ")
            .append(b.exporter())
            .append(".\"")
            .append(b.exportName())
            .append("\"\n");
        continue;
      }
      s.append("  ")
          .append(b.importer())
          .append('.')
          .append(b.importModule())
          .append('.')
          .append(b.importName())
          .append(" -> ")
          .append(b.exporter())
          .append('.')
          .append(b.exportName())
          .append('\n');
    }
    int rules = plan.policy().size();
    s.append("policy (")
        .append(rules)
        .append(rules == 1 ? " rule" : " rules")
        .append(", deny by default)\n");
    for (PolicyRule r : plan.policy()) {
      s.append("  ").append(RuleText.of(r)).append('\n');
    }
    s.append("entry points (").append(plan.entryPoints().size()).append(")\n");
    for (EntryPoint e : plan.entryPoints()) {
      s.append("  ").append(e.component()).append('.').append(e.function());
      plan.component(e.component()).stream()
          .flatMap(c -> c.exports().stream())
          .filter(f -> f.name().equals(e.function()))
          .findFirst()
          .ifPresent(f -> s.append(' ').append(f.type()));
      s.append('\n');
    }
    // Names, patterns and import names come from the plan: a hostile one must not drive the
    // terminal.
    return DiagnosticRenderer.visibleLines(s.toString());
  }

  private static void signature(StringBuilder s, Component c, ComponentVerification v) {
    SignatureRequirement r = c.signature();
    if (r.required()) {
      s.append("    requires signature by ")
          .append(String.join(" or ", r.verifiers()))
          .append(
              r.trustedKeys().isEmpty() ? "" : ", trusting " + String.join(", ", r.trustedKeys()))
          .append('\n');
    }
    if (v == null || v.status() == SignatureStatus.UNSIGNED_NOT_REQUIRED) {
      return;
    }
    s.append("    signature ").append(v.status().name().toLowerCase(Locale.ROOT));
    if (!v.verifierName().isEmpty()) {
      s.append(" (").append(v.verifierName()).append(')');
    }
    if (!v.signer().isEmpty()) {
      s.append(", signer ").append(v.signer());
    }
    if (!v.detail().isEmpty()) {
      s.append(": ").append(v.detail());
    }
    s.append('\n');
  }

  static String limits(TenantLimits l) {
    return "max-components "
        + l.maxComponents()
        + ", max-memory "
        + bytes(l.maxMemoryBytes())
        + ", max-time "
        + l.maxExecutionMillis()
        + " ms";
  }

  private static String bytes(long n) {
    for (String unit : new String[] {"GiB", "MiB", "KiB"}) {
      long scale =
          switch (unit) {
            case "GiB" -> 1L << 30;
            case "MiB" -> 1L << 20;
            default -> 1L << 10;
          };
      if (n >= scale && n % scale == 0) {
        return n / scale + " " + unit;
      }
    }
    return n + " B";
  }
}
