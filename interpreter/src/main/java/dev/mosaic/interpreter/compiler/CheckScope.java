package dev.mosaic.interpreter.compiler;

import dev.mosaic.dsl.ast.Span;
import dev.mosaic.interpreter.CompileOptions;
import dev.mosaic.interpreter.diag.LangCodes;
import dev.mosaic.interpreter.diag.Problems;
import dev.mosaic.interpreter.diag.Suggest;
import dev.mosaic.interpreter.model.CheckedComponent;
import dev.mosaic.interpreter.model.InterfaceModel;
import dev.mosaic.plan.Binding;
import dev.mosaic.plan.EntryPoint;
import dev.mosaic.plan.FunctionDecl;
import dev.mosaic.plan.PolicyRule;
import dev.mosaic.plan.diag.SourceLocation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the checker's parts share while checking one script: the resolved components and interfaces,
 * the tenant and environment, where rules, bindings and exports were written, and the lookups of
 * components and exports that report unknown names.
 */
final class CheckScope {
  final Problems problems;
  final Map<String, CheckedComponent> components;
  final Set<String> unresolved;
  final Map<String, InterfaceModel> interfaces;
  final String tenant;
  final String environment;
  // Capabilities named by a rule that had errors: the policy for them is unknown, so a missing
  // grant would only repeat the rule's own error.
  final Set<String> doubtful = new HashSet<>();

  final CompileOptions options;
  // Functions the script's statements call: they are entry points of the plan too, since the
  // script invokes them (first call first).
  final Set<EntryPoint> called = new java.util.LinkedHashSet<>();

  // Where each policy rule and binding was written, for labels and positions.
  final Map<PolicyRule, SourceLocation> ruleOrigins = new HashMap<>();
  final Map<Binding, SourceLocation> bindingOrigins = new LinkedHashMap<>();
  // Imports a `bind` tried to bind (importer, module, field; field empty for a module binding),
  // even when the binding had errors: they are reported there, not again as unbound.
  final Set<String> attempted = new HashSet<>();
  final Map<EntryPoint, SourceLocation> exportOrigins = new HashMap<>();

  CheckScope(
      Problems problems,
      ComponentStage.Components components,
      Map<String, InterfaceModel> interfaces,
      String tenant,
      String environment,
      CompileOptions options) {
    this.options = options;
    this.problems = problems;
    this.components = components.components();
    this.unresolved = components.unresolved();
    this.interfaces = interfaces;
    this.tenant = tenant;
    this.environment = environment;
  }

  CheckedComponent requireComponent(String file, String name, Span span) {
    CheckedComponent c = components.get(name);
    if (c != null || unresolved.contains(name)) {
      return c;
    }
    List<String> names = new ArrayList<>(components.keySet());
    names.addAll(unresolved);
    problems.error(
        LangCodes.UNKNOWN_COMPONENT,
        "unknown component `" + name + "`",
        file,
        span,
        Suggest.help(name, names));
    return null;
  }

  static String lineColumn(SourceLocation l) {
    return l.line() + ":" + l.column();
  }

  FunctionDecl requireExport(
      String file, String component, String function, Span span, Span functionSpan) {
    CheckedComponent c = requireComponent(file, component, span);
    if (c == null) {
      return null;
    }
    FunctionDecl export = c.export(function);
    if (export == null) {
      problems.error(
          LangCodes.UNKNOWN_EXPORT,
          "component `" + component + "` has no export `" + function + "`",
          file,
          functionSpan,
          Suggest.help(function, c.exports().stream().map(FunctionDecl::name).toList()));
    }
    return export;
  }

  static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
