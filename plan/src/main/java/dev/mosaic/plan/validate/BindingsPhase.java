package dev.mosaic.plan.validate;

import dev.mosaic.plan.Binding;
import dev.mosaic.plan.Component;
import dev.mosaic.plan.EntryPoint;
import dev.mosaic.plan.FunctionDecl;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.Plan;
import dev.mosaic.plan.PlanValidator;
import dev.mosaic.plan.WitWorld;
import dev.mosaic.plan.codec.PlanReader;
import dev.mosaic.plan.diag.Diagnostic;
import dev.mosaic.plan.diag.Diagnostics;
import dev.mosaic.plan.diag.PlanCodes;
import dev.mosaic.plan.rules.PlanRules;
import dev.mosaic.plan.rules.PolicyEngine;
import dev.mosaic.plan.wasm.WasmInterface;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Phase 4, bindings: both ends exist, function types are equal, no import is dangling or bound
 * twice, every capability import is granted by the policy, every entry point exists (E6xxx, E7001).
 * Denials come first, since they decide the exit code.
 */
public final class BindingsPhase implements ValidationPhase {

  @Override
  public Loaded check(Plan plan) {
    List<Diagnostic> denied = new ArrayList<>();
    Diagnostics r = new Diagnostics(PlanValidator.MAX_DIAGNOSTICS);
    // One map per kind for the whole plan, keyed by records of the names: their hashes combine
    // the strings' cached hashes instead of hashing a concatenated key per function.
    int functions = 0;
    for (Component c : plan.components()) {
      functions += c.imports().size() + c.exports().size();
    }
    Map<String, Component> byId = HashMap.newHashMap(plan.components().size());
    Map<ExportKey, FunctionDecl> exportsOf = HashMap.newHashMap(functions);
    Map<ImportKey, FunctionDecl> importsOf = HashMap.newHashMap(functions);
    for (Component c : plan.components()) {
      byId.put(c.id(), c);
    }
    for (Component c : byId.values()) {
      c.exports().forEach(f -> exportsOf.putIfAbsent(new ExportKey(c.id(), f.name()), f));
      c.imports()
          .forEach(f -> importsOf.putIfAbsent(new ImportKey(c.id(), f.module(), f.name()), f));
    }
    Map<ImportKey, Binding> bound = HashMap.newHashMap(plan.bindings().size());
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
      // The components' own id strings make the keys: equal to the binding's, and the same
      // objects as the keys of the maps above, so comparing them compares references.
      ImportKey key = new ImportKey(importer.id(), b.importModule(), b.importName());
      if (WasmInterface.isInterfaceName(b.importName())) {
        // A component's imported instance bound to another's exported instance: both ends must
        // be interfaces of the components' `wit` worlds (which the host compares with the blobs),
        // and the host compares their functions when it loads the plan.
        interfaceBinding(b, importer, exporter).ifPresent(r::add);
        Binding previous = bound.putIfAbsent(key, b);
        if (previous != null) {
          r.add(
              PlanCodes.IMPORT_BOUND_TWICE,
              "import `"
                  + b.importer()
                  + "."
                  + clip(b.importName())
                  + "` is bound twice, to `"
                  + previous.exporter()
                  + "` and `"
                  + b.exporter()
                  + "`");
        }
        continue;
      }
      FunctionDecl imp = importsOf.get(key);
      FunctionDecl exp = exportsOf.get(new ExportKey(exporter.id(), b.exportName()));
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
      } else if (imp.isCapability() || imp.isWasi()) {
        PlanRules.bindsCapability(b.importer(), imp, b.exporter(), b.exportName())
            .ifPresent(r::add);
      } else if (exp == null) {
        r.add(
            PlanCodes.UNKNOWN_EXPORT,
            "component `" + b.exporter() + "` has no export `" + clip(b.exportName()) + "`");
      } else if (!imp.type().equals(exp.type())) {
        r.add(
            PlanCodes.TYPE_MISMATCH,
            "binding "
                + end(b)
                + "` expects "
                + imp.type()
                + " but `"
                + b.exporter()
                + "."
                + clip(b.exportName())
                + "` has "
                + exp.type());
      }
      Binding previous = bound.putIfAbsent(key, b);
      if (previous != null && imp != null) {
        r.add(
            PlanCodes.IMPORT_BOUND_TWICE,
            "import "
                + end(b)
                + "` is bound twice, to `"
                + previous.exporter()
                + "."
                + clip(previous.exportName())
                + "` and `"
                + b.exporter()
                + "."
                + clip(b.exportName())
                + "`");
      }
    }
    PolicyEngine policy = new PolicyEngine(plan.policy());
    for (Component c : plan.components()) {
      for (FunctionDecl imp : c.imports()) {
        Optional<Diagnostic> kind = PlanRules.importKind(c.id(), imp);
        if (kind.isPresent()) {
          denied.add(kind.get());
        } else if (imp.isCapability() || imp.isWasi()) {
          String capability = imp.capability();
          if (capability == null) {
            // A WASI function that needs no grant (docs/guest-abi.md).
            continue;
          }
          PlanRules.notGranted(c.id(), capability, policy.decide(c.id(), capability, null))
              .ifPresent(denied::add);
        } else if (!bound.containsKey(new ImportKey(c.id(), imp.module(), imp.name()))) {
          r.add(PlanRules.danglingImport(c.id(), imp));
        }
      }
    }
    for (EntryPoint e : plan.entryPoints()) {
      if (!exportsOf.containsKey(new ExportKey(e.component(), e.function()))) {
        r.add(
            PlanCodes.UNKNOWN_ENTRY,
            "entry point `" + clip(e.component()) + "." + clip(e.function()) + "` does not exist");
      }
    }
    // Denials (E7xxx) decide the exit code (77), so they come first when both kinds occur.
    Diagnostics all = new Diagnostics(PlanValidator.MAX_DIAGNOSTICS);
    denied.forEach(all::add);
    try {
      r.throwIfAny();
    } catch (MosaicException e) {
      e.diagnostics().forEach(all::add);
    }
    all.throwIfAny();
    return Loaded.NONE;
  }

  private record ImportKey(String component, String module, String name) {}

  private record ExportKey(String component, String name) {}

  /** The binding's import end as messages show it, built only for an error. */
  private static String end(Binding b) {
    return "`" + b.importer() + "." + clip(b.importModule()) + "." + clip(b.importName());
  }

  private static String clip(String s) {
    return PlanReader.clip(s);
  }

  /**
   * What is wrong with a binding of a WIT interface, if anything: its import module is the
   * interface's name (plan-format.md), the importer imports a function of that interface and the
   * exporter exports one of the interface it names.
   */
  private static Optional<Diagnostic> interfaceBinding(
      Binding b, Component importer, Component exporter) {
    if (!b.importModule().equals(b.importName())) {
      return Optional.of(
          Diagnostic.of(
                  PlanCodes.UNKNOWN_IMPORT,
                  "binding of interface `"
                      + clip(b.importName())
                      + "` names import module `"
                      + clip(b.importModule())
                      + "`; an interface's import module is its name")
              .withHelp(
                  "write the binding as [importer, INTERFACE, INTERFACE, exporter, INTERFACE]"));
    }
    if (!hasInterface(importer.wit().imports(), b.importName())) {
      return Optional.of(
          Diagnostic.of(
              PlanCodes.UNKNOWN_IMPORT,
              "component `"
                  + b.importer()
                  + "` imports no interface `"
                  + clip(b.importName())
                  + "` in its `wit`"));
    }
    if (!hasInterface(exporter.wit().exports(), b.exportName())) {
      return Optional.of(
          Diagnostic.of(
              PlanCodes.UNKNOWN_EXPORT,
              "component `"
                  + b.exporter()
                  + "` exports no interface `"
                  + clip(b.exportName())
                  + "` in its `wit`"));
    }
    return Optional.empty();
  }

  private static boolean hasInterface(List<String> entries, String iface) {
    for (String e : entries) {
      if (iface.equals(WitWorld.interfaceOf(e))) {
        return true;
      }
    }
    return false;
  }
}
