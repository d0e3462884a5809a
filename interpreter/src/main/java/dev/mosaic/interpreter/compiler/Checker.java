package dev.mosaic.interpreter.compiler;

import dev.mosaic.dsl.ast.Item;
import dev.mosaic.dsl.ast.Span;
import dev.mosaic.interpreter.CompileOptions;
import dev.mosaic.interpreter.compiler.ExpressionTyper.ValueType;
import dev.mosaic.interpreter.diag.LangCodes;
import dev.mosaic.interpreter.diag.Problems;
import dev.mosaic.interpreter.model.InterfaceModel;
import dev.mosaic.plan.Binding;
import dev.mosaic.plan.EntryPoint;
import dev.mosaic.plan.FunctionDecl;
import dev.mosaic.plan.PolicyRule;
import dev.mosaic.plan.diag.Diagnostic;
import dev.mosaic.plan.diag.SourceLocation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiler stage: checks bindings, policy rules, exports and statements against the resolved
 * components and interfaces, evaluates rule conditions for the tenant and environment, and checks
 * that the policy grants every capability a component imports. It walks the script's items in order
 * and hands each job to its checker: {@link BindingChecker} ({@code bind} lines, then the imports
 * left unbound), {@link PolicyChecker} (rules and their conditions), {@link GrantChecker} (every
 * imported capability granted) and {@link ExpressionTyper} (statements); it checks exports itself.
 * They share one {@link CheckScope}.
 */
final class Checker {
  private final CheckScope scope;
  private final Problems problems;
  private final CompileOptions options;
  private final Set<EntryPoint> called;
  private final Map<Binding, SourceLocation> bindingOrigins;
  private final Map<EntryPoint, SourceLocation> exportOrigins;
  private final BindingChecker bindingChecker;
  private final PolicyChecker policyChecker;
  private final GrantChecker grantChecker;
  private final ExpressionTyper typer;

  Checker(
      Problems problems,
      ComponentStage.Components components,
      Map<String, InterfaceModel> interfaces,
      String tenant,
      String environment,
      CompileOptions options) {
    this.scope = new CheckScope(problems, components, interfaces, tenant, environment, options);
    this.problems = problems;
    this.options = options;
    this.called = scope.called;
    this.bindingOrigins = scope.bindingOrigins;
    this.exportOrigins = scope.exportOrigins;
    this.bindingChecker = new BindingChecker(scope);
    this.policyChecker = new PolicyChecker(scope);
    this.grantChecker = new GrantChecker(scope);
    this.typer = new ExpressionTyper(scope);
  }

  /**
   * The parts of the checked script this stage produces.
   *
   * @param bindingOrigins where each binding was written (the {@code bind} line)
   */
  record Checked(
      List<Binding> bindings,
      List<PolicyRule> policy,
      List<EntryPoint> entryPoints,
      List<Located> statements,
      Map<Binding, SourceLocation> bindingOrigins) {}

  Checked run(List<Located> items) {
    List<Binding> bindings = new ArrayList<>();
    List<PolicyRule> rules = new ArrayList<>();
    List<EntryPoint> entries = new ArrayList<>();
    List<Located> statements = new ArrayList<>();
    Set<String> bound = new HashSet<>();
    Map<String, ValueType> variables = new HashMap<>();
    options.predefinedVariables().forEach(name -> variables.put(name, ValueType.ANY));
    for (Located located : items) {
      String file = located.file();
      switch (located.item()) {
        case Item.Tenant t -> {}
        case Item.Interface i -> {}
        case Item.Component c -> {}
        case Item.Load l -> {}
        case Item.Bind b -> bindingChecker.bind(file, b, bindings, bound);
        case Item.Policy p -> p.rules().forEach(r -> policyChecker.rule(file, r, rules));
        case Item.Export e -> {
          if (requireExport(file, e.component(), e.function(), e.componentSpan(), e.functionSpan())
              != null) {
            EntryPoint entry = new EntryPoint(e.component(), e.function());
            if (entries.contains(entry)) {
              problems.add(
                  new Diagnostic(
                          LangCodes.DUPLICATE_NAME,
                          "`" + e.component() + "." + e.function() + "` is exported twice",
                          Problems.at(file, e.span()),
                          "remove one of the two `export` lines")
                      .withLabel(exportOrigins.get(entry), "first exported here"));
            } else {
              entries.add(entry);
              exportOrigins.put(entry, Problems.at(file, e.span()));
            }
          }
        }
        case Item.Print p -> {
          typer.type(file, p.expr(), variables);
          statements.add(located);
        }
        case Item.Let l -> {
          variables.put(l.name(), typer.type(file, l.expr(), variables));
          statements.add(located);
        }
        case Item.Assert a -> {
          typer.assertion(file, a, variables);
          statements.add(located);
        }
        case Item.Eval e -> {
          typer.type(file, e.expr(), variables);
          statements.add(located);
        }
      }
    }
    if (options.checkGrants()) {
      grantChecker.granted(rules);
      bindingChecker.bound(bindings);
    }
    for (EntryPoint e : called) {
      if (!entries.contains(e)) {
        entries.add(e);
      }
    }
    return new Checked(bindings, rules, entries, statements, Map.copyOf(bindingOrigins));
  }

  private FunctionDecl requireExport(
      String file, String component, String function, Span span, Span functionSpan) {
    return scope.requireExport(file, component, function, span, functionSpan);
  }
}
