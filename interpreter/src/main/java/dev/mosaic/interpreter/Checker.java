package dev.mosaic.interpreter;

import dev.mosaic.dsl.ast.Condition;
import dev.mosaic.dsl.ast.Expr;
import dev.mosaic.dsl.ast.Item;
import dev.mosaic.dsl.ast.RuleDecl;
import dev.mosaic.dsl.ast.Span;
import dev.mosaic.host.AbiKind;
import dev.mosaic.host.AbiSignature;
import dev.mosaic.host.component.ExternName;
import dev.mosaic.host.component.FuncSig;
import dev.mosaic.host.component.Item.InstanceItem;
import dev.mosaic.host.component.Primitive;
import dev.mosaic.interpreter.wit.Wave;
import dev.mosaic.interpreter.wit.WitFunctions;
import dev.mosaic.plan.Binding;
import dev.mosaic.plan.Capabilities;
import dev.mosaic.plan.Diagnostic;
import dev.mosaic.plan.EntryPoint;
import dev.mosaic.plan.FunctionDecl;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.PlanCodes;
import dev.mosaic.plan.PlanRules;
import dev.mosaic.plan.PolicyEngine;
import dev.mosaic.plan.PolicyRule;
import dev.mosaic.plan.SourceLocation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Compiler stage: checks bindings, policy rules, exports and statements against the resolved
 * components and interfaces, evaluates rule conditions for the tenant and environment, and checks
 * that the policy grants every capability a component imports.
 */
final class Checker {
  /** Capabilities that take no parameters. */
  static final Set<String> PLAIN_CAPABILITIES = Set.of("log", "clock", "random");

  /** What a policy condition may compare. */
  static final List<String> CONDITION_SUBJECTS = List.of("tenant", "env");

  private final Problems problems;
  private final Map<String, CheckedComponent> components;
  private final Set<String> unresolved;
  private final Map<String, InterfaceModel> interfaces;
  private final String tenant;
  private final String environment;
  // Capabilities named by a rule that had errors: the policy for them is unknown, so a missing
  // grant would only repeat the rule's own error.
  private final Set<String> doubtful = new HashSet<>();

  private final CompileOptions options;
  // Functions the script's statements call: they are entry points of the plan too, since the
  // script invokes them (first call first).
  private final Set<EntryPoint> called = new java.util.LinkedHashSet<>();

  Checker(
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

  // Where each policy rule and binding was written, for labels and positions.
  private final Map<PolicyRule, SourceLocation> ruleOrigins = new HashMap<>();
  private final Map<Binding, SourceLocation> bindingOrigins = new LinkedHashMap<>();
  // Imports a `bind` tried to bind (importer, module, field; field empty for a module binding),
  // even when the binding had errors: they are reported there, not again as unbound.
  private final Set<String> attempted = new HashSet<>();
  private final Map<EntryPoint, SourceLocation> exportOrigins = new HashMap<>();

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
        case Item.Bind b -> bind(file, b, bindings, bound);
        case Item.Policy p -> p.rules().forEach(r -> rule(file, r, rules));
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
          type(file, p.expr(), variables);
          statements.add(located);
        }
        case Item.Let l -> {
          variables.put(l.name(), type(file, l.expr(), variables));
          statements.add(located);
        }
        case Item.Assert a -> {
          assertion(file, a, variables);
          statements.add(located);
        }
        case Item.Eval e -> {
          type(file, e.expr(), variables);
          statements.add(located);
        }
      }
    }
    if (options.checkGrants()) {
      granted(rules);
      bound(bindings);
    }
    for (EntryPoint e : called) {
      if (!entries.contains(e)) {
        entries.add(e);
      }
    }
    return new Checked(bindings, rules, entries, statements, Map.copyOf(bindingOrigins));
  }

  // ---- bindings

  private void bind(String file, Item.Bind b, List<Binding> out, Set<String> bound) {
    attempted.add(b.importer() + "\u0000" + b.module() + "\u0000" + nullToEmpty(b.field()));
    if (b.byInterface()) {
      bindInterface(file, b, out, bound);
      return;
    }
    CheckedComponent importer = requireComponent(file, b.importer(), b.importerSpan());
    CheckedComponent exporter = requireComponent(file, b.exporter(), b.exporterSpan());
    InterfaceModel expected = null;
    if (b.expectedInterface() != null) {
      expected = interfaces.get(b.expectedInterface());
      if (expected == null) {
        problems.error(
            LangCodes.UNKNOWN_INTERFACE,
            "unknown interface `" + b.expectedInterface() + "`",
            file,
            b.interfaceSpan(),
            Suggest.help(b.expectedInterface(), interfaces.keySet()));
        return;
      }
    }
    if (importer == null || exporter == null) {
      return;
    }
    if (expected != null) {
      InterfaceModel actual = exporter.implementsInterface();
      if (actual == null) {
        problems.error(
            LangCodes.INCOMPATIBLE_BINDING,
            "`"
                + exporter.name()
                + "` declares no interface, the binding expects `"
                + expected.name()
                + "`",
            file,
            b.exporterSpan(),
            "declare it: `component "
                + exporter.name()
                + " ... implements "
                + expected.name()
                + "`");
        return;
      }
      if (!actual.digest().equals(expected.digest())) {
        problems.error(
            LangCodes.INCOMPATIBLE_BINDING,
            "`"
                + exporter.name()
                + "` implements `"
                + actual.name()
                + "`, which is not `"
                + expected.name()
                + "`",
            file,
            b.exporterSpan(),
            "their canonical forms differ: "
                + shortDigest(actual)
                + " and "
                + shortDigest(expected));
        return;
      }
    }
    if ((b.field() == null) != (b.export() == null)) {
      problems.error(
          LangCodes.INCOMPATIBLE_BINDING,
          b.field() == null
              ? "a module binding names no export: write `-> " + b.exporter() + "`"
              : "binding of one import needs an export: write `-> "
                  + b.exporter()
                  + "."
                  + b.field()
                  + "`",
          file,
          b.span(),
          null);
      return;
    }
    List<FunctionDecl> imports;
    if (b.field() != null) {
      FunctionDecl imp = findImport(importer, b.module(), b.field());
      if (imp == null) {
        problems.error(
            LangCodes.UNKNOWN_IMPORT,
            "component `"
                + importer.name()
                + "` has no import `"
                + b.module()
                + "."
                + b.field()
                + "`",
            file,
            b.fieldSpan(),
            capabilityHint(importer.name(), b.module(), b.field())
                .orElse(
                    Suggest.help(
                        b.module() + "." + b.field(),
                        importer.imports().stream()
                            .map(i -> i.module() + "." + i.name())
                            .toList())));
        return;
      }
      imports = List.of(imp);
    } else {
      imports = importer.imports().stream().filter(i -> i.module().equals(b.module())).toList();
      if (imports.isEmpty()) {
        problems.error(
            LangCodes.UNKNOWN_IMPORT,
            "component `" + importer.name() + "` imports nothing from module `" + b.module() + "`",
            file,
            b.moduleSpan(),
            capabilityHint(importer.name(), b.module(), null)
                .orElse(
                    Suggest.help(
                        b.module(),
                        importer.imports().stream()
                            .map(FunctionDecl::module)
                            .distinct()
                            .toList())));
        return;
      }
    }
    for (FunctionDecl imp : imports) {
      Optional<Diagnostic> capability =
          PlanRules.bindsCapability(importer.name(), imp, exporter.name(), b.export());
      if (capability.isPresent()) {
        problems.add(
            capability
                .get()
                .at(Problems.at(file, b.field() != null ? b.fieldSpan() : b.moduleSpan())));
        return;
      }
      String exportName = b.export() != null ? b.export() : imp.name();
      FunctionDecl export = exporter.export(exportName);
      if (export == null) {
        problems.error(
            LangCodes.UNKNOWN_EXPORT,
            "component `" + exporter.name() + "` has no export `" + exportName + "`",
            file,
            b.export() != null ? b.exportSpan() : b.exporterSpan(),
            Suggest.help(exportName, exporter.exports().stream().map(FunctionDecl::name).toList()));
        continue;
      }
      if (!export.type().equals(imp.type())) {
        problems.error(
            LangCodes.INCOMPATIBLE_BINDING,
            "`"
                + importer.name()
                + "."
                + imp.module()
                + "."
                + imp.name()
                + "` has type "
                + imp.type()
                + " but `"
                + exporter.name()
                + "."
                + exportName
                + "` has type "
                + export.type(),
            file,
            b.span(),
            "both ends of a binding must have the same function type");
        continue;
      }
      abiAgreement(file, b, importer, imp, exporter, export, expected);
      if (!bound.add(importer.name() + "\u0000" + imp.module() + "\u0000" + imp.name())) {
        Diagnostic twice =
            new Diagnostic(
                LangCodes.DUPLICATE_BINDING,
                "import `"
                    + imp.module()
                    + "."
                    + imp.name()
                    + "` of `"
                    + importer.name()
                    + "` is bound twice",
                Problems.at(file, b.span()),
                "keep one binding per import");
        for (Binding earlier : out) {
          if (earlier.importer().equals(importer.name())
              && earlier.importModule().equals(imp.module())
              && earlier.importName().equals(imp.name())) {
            twice = twice.withLabel(bindingOrigins.get(earlier), "first bound here");
          }
        }
        problems.add(twice);
        continue;
      }
      Binding binding =
          new Binding(importer.name(), imp.module(), imp.name(), exporter.name(), exportName);
      out.add(binding);
      bindingOrigins.putIfAbsent(binding, Problems.at(file, b.span()));
    }
  }

  /**
   * The help for a {@code bind} of a capability the module does not import: capabilities are not
   * bound but granted, and the help says how.
   */
  private static Optional<String> capabilityHint(String importer, String module, String field) {
    if (!module.equals(Capabilities.MODULE) && !module.equals(Capabilities.WASI_MODULE)) {
      return Optional.empty();
    }
    boolean wasi = module.equals(Capabilities.WASI_MODULE);
    String capability =
        field != null
            ? (wasi ? Capabilities.wasiCapabilityOf(field) : Capabilities.capabilityOf(field))
            : (wasi ? Capabilities.WASI_CAPABILITY : "log");
    return Optional.of(
        "`"
            + module
            + "` imports are capabilities: the host provides them when the policy grants them,"
            + " e.g. `allow "
            + importer
            + " "
            + capability
            + "`; they are never bound");
  }

  /**
   * {@code bind app."ns:pkg/iface@1.0.0" -> calc}: the importer's imported interface is bound, as a
   * whole, to the exporter's exported interface of that name (or the one named after {@code
   * calc.}). The exporter must provide every function the importer's interface has, each with the
   * same type (parameter names and types, result); it may provide more, as the component model's
   * subtyping of instances allows.
   */
  private void bindInterface(String file, Item.Bind b, List<Binding> out, Set<String> bound) {
    CheckedComponent importer = requireComponent(file, b.importer(), b.importerSpan());
    CheckedComponent exporter = requireComponent(file, b.exporter(), b.exporterSpan());
    String importName = b.module();
    String exportName = b.export() != null ? b.export() : importName;
    Span exportAt = b.export() != null ? b.exportSpan() : b.exporterSpan();
    if (!interfaceName(file, importName, b.moduleSpan())
        || (b.export() != null && !interfaceName(file, exportName, b.exportSpan()))
        || importer == null
        || exporter == null) {
      return;
    }
    for (CheckedComponent c : List.of(importer, exporter)) {
      if (c.world() == null) {
        problems.error(
            LangCodes.NOT_WIT,
            "`" + c.name() + "` is a core module, not a component: it has no WIT interfaces",
            file,
            c == importer ? b.importerSpan() : b.exporterSpan(),
            "bind a core module's imports by module and field: `bind "
                + importer.name()
                + ".MODULE.FIELD -> "
                + exporter.name()
                + ".EXPORT`");
        return;
      }
    }
    InstanceItem needed = WitFunctions.instance(importer.world().imports(), importName);
    if (needed == null) {
      problems.error(
          LangCodes.UNKNOWN_IMPORT,
          "component `" + importer.name() + "` does not import interface `" + importName + "`",
          file,
          b.moduleSpan(),
          Suggest.help(importName, WitFunctions.interfaces(importer.world().imports())));
      return;
    }
    InstanceItem offered = WitFunctions.instance(exporter.world().exports(), exportName);
    if (offered == null) {
      problems.error(
          LangCodes.UNKNOWN_EXPORT,
          "component `" + exporter.name() + "` does not export interface `" + exportName + "`",
          file,
          exportAt,
          Suggest.help(exportName, WitFunctions.interfaces(exporter.world().exports())));
      return;
    }
    Map<String, FuncSig> has = WitFunctions.functions(offered);
    boolean ok = true;
    for (Map.Entry<String, FuncSig> f : WitFunctions.functions(needed).entrySet()) {
      FuncSig given = has.get(f.getKey());
      if (given == null) {
        problems.error(
            LangCodes.WIT_MISMATCH,
            "`"
                + exporter.name()
                + "` exports `"
                + exportName
                + "` without function `"
                + f.getKey()
                + "`, which `"
                + importer.name()
                + "` imports",
            file,
            b.span(),
            "`"
                + importer.name()
                + "` needs `"
                + f.getKey()
                + ": "
                + WitFunctions.text(f.getValue())
                + "`; the exporter has "
                + (has.isEmpty()
                    ? "no functions"
                    : String.join(", ", has.keySet().stream().map(n -> "`" + n + "`").toList())));
        ok = false;
      } else if (!WitFunctions.same(f.getValue(), given)) {
        problems.error(
            LangCodes.WIT_MISMATCH,
            "function `"
                + f.getKey()
                + "` of `"
                + importName
                + "` has another type in `"
                + exporter.name()
                + "` than `"
                + importer.name()
                + "` imports",
            file,
            b.span(),
            "`"
                + importer.name()
                + "` imports `"
                + WitFunctions.text(f.getValue())
                + "`, `"
                + exporter.name()
                + "` exports `"
                + WitFunctions.text(given)
                + "`");
        ok = false;
      }
    }
    if (!ok) {
      return;
    }
    if (!bound.add(importer.name() + "\u0000" + importName + "\u0000" + importName)) {
      problems.error(
          LangCodes.DUPLICATE_BINDING,
          "interface `" + importName + "` of `" + importer.name() + "` is bound twice",
          file,
          b.span(),
          "keep one binding per import");
      return;
    }
    // The import module is the interface's name, as the host looks the import up (plan-format.md).
    Binding binding =
        new Binding(importer.name(), importName, importName, exporter.name(), exportName);
    out.add(binding);
    bindingOrigins.put(binding, Problems.at(file, b.span()));
  }

  /** Whether the text is a WIT interface name; E2043 at the span when it is not. */
  private boolean interfaceName(String file, String name, Span at) {
    try {
      if (ExternName.parse(name) instanceof ExternName.Interface) {
        return true;
      }
    } catch (MosaicException e) {
      problems.error(
          LangCodes.NOT_WIT,
          e.diagnostics().getFirst().message(),
          file,
          at,
          "an interface name is `namespace:package/interface`, with an optional `@version`");
      return false;
    }
    problems.error(
        LangCodes.NOT_WIT,
        "`" + name + "` is not a WIT interface name",
        file,
        at,
        "an interface name is `namespace:package/interface`, with an optional `@version`");
    return false;
  }

  /**
   * E6004 at the component: every import that is not a capability must be bound, and the help names
   * the components that export a function of that name and type.
   */
  private void bound(List<Binding> bindings) {
    Set<String> done = new HashSet<>();
    for (Binding b : bindings) {
      done.add(b.importer() + "\u0000" + b.importModule() + "\u0000" + b.importName());
    }
    for (CheckedComponent c : components.values()) {
      if (c.world() != null) {
        unboundInterfaces(c, done);
      }
      for (FunctionDecl imp : c.imports()) {
        String key = c.name() + "\u0000" + imp.module() + "\u0000" + imp.name();
        if (imp.isCapability()
            || imp.isWasi()
            || done.contains(key)
            || attempted.contains(key)
            || attempted.contains(c.name() + "\u0000" + imp.module() + "\u0000")) {
          continue;
        }
        List<String> providers = new ArrayList<>();
        for (CheckedComponent other : components.values()) {
          FunctionDecl export = other.export(imp.name());
          if (export != null
              && export.type().equals(imp.type())
              && !other.name().equals(c.name())) {
            providers.add(other.name());
          }
        }
        String target = providers.isEmpty() ? "COMPONENT" : providers.getFirst();
        Diagnostic dangling = PlanRules.danglingImport(c.name(), imp);
        if (dangling.help() != null) {
          // A toolchain's runtime import: the help names the toolchain and its fix.
          problems.add(dangling.at(Problems.at(c.file(), c.span())));
          continue;
        }
        problems.add(
            dangling
                .at(Problems.at(c.file(), c.span()))
                .withHelp(
                    "bind it: `bind "
                        + c.name()
                        + "."
                        + imp.module()
                        + "."
                        + imp.name()
                        + " -> "
                        + target
                        + "."
                        + imp.name()
                        + "`"
                        + (providers.size() > 1
                            ? " (also exported by "
                                + String.join(
                                    ", ", providers.subList(1, Math.min(4, providers.size())))
                                + ")"
                            : "")));
      }
    }
  }

  /**
   * E6004 for each interface a component imports that no {@code bind} binds; WASI interfaces are
   * the host's, granted by the policy, not bound.
   */
  private void unboundInterfaces(CheckedComponent c, Set<String> done) {
    for (String iface : WitFunctions.interfaces(c.world().imports())) {
      if (iface.startsWith("wasi:")
          || done.contains(c.name() + "\u0000" + iface + "\u0000" + iface)
          || attempted.contains(c.name() + "\u0000" + iface + "\u0000")) {
        continue;
      }
      String provider = "COMPONENT";
      for (CheckedComponent other : components.values()) {
        if (other != c
            && other.world() != null
            && WitFunctions.instance(other.world().exports(), iface) != null) {
          provider = other.name();
          break;
        }
      }
      problems.add(
          Diagnostic.of(
                  PlanCodes.DANGLING_IMPORT,
                  "interface `" + iface + "` imported by component `" + c.name() + "` is not bound")
              .at(Problems.at(c.file(), c.span()))
              .withHelp("bind it: `bind " + c.name() + ".\"" + iface + "\" -> " + provider + "`"));
    }
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }

  /**
   * Strings and bytes cross a binding only as the exporter's {@code mosaic.abi} section declares;
   * without a declaration the host passes the numbers as they are, pointers into the importer's
   * memory that mean nothing in the exporter's. So: an interface of the script that passes strings
   * or bytes where the declaration has numbers (or there is none), or the reverse, is an error; a
   * core type that looks like pointer and length pairs with no declaration on either side is a
   * warning.
   */
  private void abiAgreement(
      String file,
      Item.Bind b,
      CheckedComponent importer,
      FunctionDecl imp,
      CheckedComponent exporter,
      FunctionDecl export,
      InterfaceModel expected) {
    AbiSignature declared = exporter.declared(export.name());
    InterfaceModel iface = expected != null ? expected : exporter.implementsInterface();
    InterfaceModel.Function f =
        iface == null
            ? null
            : iface.functions().stream()
                .filter(x -> x.name().equals(export.name()))
                .findFirst()
                .orElse(null);
    String end =
        "`"
            + importer.name()
            + "."
            + imp.module()
            + "."
            + imp.name()
            + "` -> `"
            + exporter.name()
            + "."
            + export.name()
            + "`";
    if (f != null) {
      List<Boolean> wanted = new ArrayList<>();
      f.params().forEach(p -> wanted.add(inMemory(p.type())));
      Boolean wantedResult = f.result() == null ? null : inMemory(f.result());
      List<Boolean> has = new ArrayList<>();
      Boolean hasResult = null;
      if (declared != null) {
        declared.params().forEach(k -> has.add(k.inMemory()));
        hasResult = declared.result() == null ? null : declared.result().inMemory();
      }
      boolean interfaceUsesMemory = wanted.contains(true) || Boolean.TRUE.equals(wantedResult);
      boolean agrees =
          declared == null
              ? !interfaceUsesMemory
              : wanted.equals(has) && java.util.Objects.equals(wantedResult, hasResult);
      if (!agrees) {
        problems.error(
            LangCodes.ABI_MISMATCH,
            end
                + ": interface `"
                + iface.name()
                + "` passes "
                + (interfaceUsesMemory ? "strings or bytes" : "numbers only")
                + ", but `"
                + exporter.name()
                + "` declares "
                + (declared == null
                    ? "no kinds for `" + export.name() + "`"
                    : "`" + declared + "`"),
            file,
            b.span(),
            declared == null
                ? "declare the kinds in the exporter's `mosaic.abi` section (docs/guests/); without"
                    + " them the host would pass raw pointers between the two memories"
                : "make the interface and the `mosaic.abi` declaration say the same");
      }
      return;
    }
    if (declared == null && looksLikePointers(export.type())) {
      problems.warn(
          LangCodes.ABI_MISMATCH,
          end
              + " has type "
              + export.type()
              + ", which looks like strings or bytes, but `"
              + exporter.name()
              + "` declares no kinds for it: the host passes these numbers as they are",
          file,
          b.span(),
          "if they are pointers and lengths, declare the kinds in `"
              + exporter.name()
              + "`'s `mosaic.abi` section (docs/guests/), else the callee reads the wrong memory");
    }
  }

  private static boolean inMemory(WitType t) {
    return !(t instanceof WitType.Primitive p)
        || p.name().equals("string")
        || p.name().equals("bytes");
  }

  /**
   * A core type guest ABI v1 gives strings and bytes: an {@code i64} result (a packed pointer and
   * length) with at least two {@code i32} parameters, or a pair of {@code i32} parameters and an
   * {@code i64} result.
   */
  private static boolean looksLikePointers(dev.mosaic.plan.FuncType type) {
    long i32s = type.params().stream().filter("i32"::equals).count();
    return type.results().equals(List.of("i64")) && i32s >= 2;
  }

  private static String shortDigest(InterfaceModel m) {
    return "`" + m.name() + "` " + m.digest().substring(0, Math.min(19, m.digest().length()));
  }

  private static FunctionDecl findImport(CheckedComponent c, String module, String name) {
    for (FunctionDecl i : c.imports()) {
      if (i.module().equals(module) && i.name().equals(name)) {
        return i;
      }
    }
    return null;
  }

  // ---- policy

  private void rule(String file, RuleDecl r, List<PolicyRule> out) {
    boolean ok =
        r.target().equals("*") || requireComponent(file, r.target(), r.targetSpan()) != null;
    if (!r.target().equals("*") && unresolved.contains(r.target())) {
      ok = false;
    }
    if (!Capabilities.KNOWN.contains(r.capability())) {
      problems.error(
          LangCodes.UNKNOWN_CAPABILITY,
          "unknown capability `" + r.capability() + "`",
          file,
          r.capabilitySpan(),
          Suggest.help(r.capability(), Capabilities.KNOWN));
      ok = false;
    } else if (PLAIN_CAPABILITIES.contains(r.capability()) && !r.patterns().isEmpty()) {
      problems.error(
          LangCodes.UNEXPECTED_PARAMETERS,
          "capability `" + r.capability() + "` takes no parameters",
          file,
          r.span(),
          "remove the quoted patterns after `" + r.capability() + "`");
      ok = false;
    }
    PolicyRule asRule =
        new PolicyRule(
            r.allow() ? PolicyRule.Effect.ALLOW : PolicyRule.Effect.DENY,
            r.target(),
            r.capability(),
            r.patterns());
    for (int i = 0; i < r.patterns().size(); i++) {
      String pattern = r.patterns().get(i);
      Span at = i < r.patternSpans().size() ? r.patternSpans().get(i) : r.span();
      Optional<Diagnostic> bad =
          PlanRules.rulePattern(asRule, pattern)
              .or(() -> PlanRules.stringLength("pattern", pattern));
      if (bad.isPresent()) {
        problems.add(bad.get().at(Problems.at(file, at)));
        ok = false;
      }
    }
    boolean active = true;
    for (Condition c : r.conditions()) {
      String actual =
          switch (c.subject()) {
            case "tenant" -> tenant;
            case "env" -> environment;
            default -> {
              problems.error(
                  LangCodes.UNKNOWN_CONDITION,
                  "a condition compares `tenant` or `env`, not `" + c.subject() + "`",
                  file,
                  c.subjectSpan(),
                  Suggest.help(c.subject(), CONDITION_SUBJECTS));
              yield null;
            }
          };
      if (actual == null) {
        ok = false;
      } else if (actual.equals(c.value()) != c.equals()) {
        active = false;
      }
    }
    if (!ok) {
      doubtful.add(r.capability());
    }
    if (ok && active) {
      PolicyRule rule =
          new PolicyRule(
              asRule.effect(),
              r.target(),
              r.capability(),
              r.patterns().stream().sorted().distinct().toList());
      out.add(rule);
      ruleOrigins.putIfAbsent(rule, Problems.at(file, r.span()));
    }
  }

  /** E7001 at the component, so the user gets a caret rather than a plan-level error. */
  private void granted(List<PolicyRule> rules) {
    PolicyEngine engine = new PolicyEngine(rules);
    for (CheckedComponent c : components.values()) {
      Set<String> reported = new HashSet<>();
      for (FunctionDecl imp : c.imports()) {
        // Host capabilities (`mosaic.*`) and WASI preview 1 imports (files, clock, random).
        String cap = imp.capability();
        if (cap == null) {
          continue;
        }
        if (!Capabilities.KNOWN.contains(cap) || doubtful.contains(cap) || !reported.add(cap)) {
          continue;
        }
        PolicyEngine.Decision decision = engine.decide(c.name(), cap, null);
        if (decision.allowed()) {
          continue;
        }
        Diagnostic denied =
            new Diagnostic(
                PlanCodes.CAPABILITY_NOT_GRANTED,
                "capability `" + cap + "` is not granted to component `" + c.name() + "`",
                Problems.at(c.file(), c.span()),
                null);
        if (decision.rule() != null) {
          String text = RuleText.of(decision.rule());
          SourceLocation where = ruleOrigins.get(decision.rule());
          denied =
              denied
                  .withHelp(
                      "the module imports `"
                          + imp.module()
                          + "."
                          + imp.name()
                          + "`; `"
                          + text
                          + "` denies it, and a deny overrides every allow: remove or narrow it")
                  .withLabel(
                      where == null ? SourceLocation.NONE : where,
                      "denied by `"
                          + text
                          + "`"
                          + (where == null ? "" : " at " + lineColumn(where)));
        } else {
          denied =
              denied.withHelp(
                  "the module imports `"
                      + imp.module()
                      + "."
                      + imp.name()
                      + "`; add `allow "
                      + c.name()
                      + " "
                      + cap
                      + "` to the policy");
        }
        problems.add(denied);
      }
    }
  }

  // ---- statements

  /** Value types a script can see; {@link #ANY} when not known statically. */
  enum ValueType {
    INT,
    FLOAT,
    STRING,
    BYTES,
    BOOL,
    NONE,
    ANY;

    String label() {
      return switch (this) {
        case INT -> "an integer";
        case FLOAT -> "a float";
        case STRING -> "a string";
        case BYTES -> "bytes";
        case BOOL -> "a bool";
        case NONE -> "no value";
        case ANY -> "a value";
      };
    }
  }

  private ValueType type(String file, Expr e, Map<String, ValueType> variables) {
    return switch (e) {
      case Expr.IntLit i -> ValueType.INT;
      case Expr.FloatLit f -> ValueType.FLOAT;
      case Expr.StringLit s -> ValueType.STRING;
      case Expr.BoolLit b -> ValueType.BOOL;
      case Expr.Name n -> {
        ValueType t = variables.get(n.name());
        if (t == null) {
          problems.error(
              LangCodes.UNKNOWN_NAME,
              "unknown name `" + n.name() + "`",
              file,
              n.span(),
              Suggest.help(n.name(), variables.keySet()));
          yield ValueType.ANY;
        }
        yield t;
      }
      case Expr.Call c -> call(file, c, variables);
    };
  }

  private ValueType call(String file, Expr.Call c, Map<String, ValueType> variables) {
    List<ValueType> args = new ArrayList<>();
    for (Expr a : c.args()) {
      args.add(type(file, a, variables));
    }
    FunctionDecl export =
        requireExport(file, c.component(), c.function(), c.componentSpan(), c.functionSpan());
    if (export == null) {
      return ValueType.ANY;
    }
    called.add(new EntryPoint(c.component(), c.function()));
    CheckedComponent target = components.get(c.component());
    if (target.world() != null) {
      return witCall(
          file, c, args, WitFunctions.functions(target.world().exports()).get(c.function()));
    }
    AbiSignature declared = components.get(c.component()).declared(c.function());
    AbiSignature sig;
    try {
      sig = declared != null ? declared : AbiSignature.numeric(export.type());
    } catch (MosaicException e) {
      problems.error(
          LangCodes.TYPE_MISMATCH,
          "`" + c.component() + "." + c.function() + "` cannot be called from a script",
          file,
          c.span(),
          e.diagnostics().getFirst().message());
      return ValueType.ANY;
    }
    String name = "`" + c.component() + "." + c.function() + "`";
    List<AbiKind> params = sig.params();
    if (params.size() != args.size()) {
      problems.error(
          LangCodes.WRONG_ARGUMENTS,
          name
              + " takes "
              + params.size()
              + " argument"
              + (params.size() == 1 ? "" : "s")
              + ", got "
              + args.size(),
          file,
          c.span(),
          "its type is " + (declared != null ? declared : export.type()));
    } else {
      for (int i = 0; i < params.size(); i++) {
        argument(file, name, i, params.get(i), args.get(i), c.args().get(i));
      }
    }
    if (sig.result() == null) {
      return ValueType.NONE;
    }
    return switch (sig.result()) {
      case STRING -> ValueType.STRING;
      case BYTES -> ValueType.BYTES;
      case F32, F64 -> ValueType.FLOAT;
      case I32, I64 -> ValueType.INT;
    };
  }

  /**
   * A call of a component's function, typed by its WIT signature: integers for integer parameters,
   * numbers for {@code f32}/{@code f64}, strings for {@code string}, a string of one character for
   * {@code char}, {@code true}/{@code false} for {@code bool}. Lists, records, variants, options,
   * results and resources are not script values: such a function is called with WAVE values from
   * {@code mosaic exec --call} (E2011 with that help).
   */
  private ValueType witCall(String file, Expr.Call c, List<ValueType> args, FuncSig sig) {
    String name = "`" + c.component() + "." + c.function() + "`";
    if (sig.params().size() != args.size()) {
      problems.error(
          LangCodes.WRONG_ARGUMENTS,
          name
              + " takes "
              + sig.params().size()
              + " argument"
              + (sig.params().size() == 1 ? "" : "s")
              + ", got "
              + args.size(),
          file,
          c.span(),
          "its type is " + WitFunctions.text(sig));
      return witValue(sig.result());
    }
    for (int i = 0; i < args.size(); i++) {
      dev.mosaic.host.component.WitType.Field p = sig.params().get(i);
      ValueType wanted = witValue(p.type());
      ValueType given = args.get(i);
      Expr e = c.args().get(i);
      if (wanted == ValueType.ANY) {
        problems.error(
            LangCodes.TYPE_MISMATCH,
            "argument "
                + (i + 1)
                + " of "
                + name
                + " is `"
                + Wave.typeName(p.type())
                + "`, which a script cannot write yet",
            file,
            e.span(),
            "call it with WAVE values: `mosaic exec PLAN --call "
                + c.component()
                + "."
                + c.function()
                + " ...`");
        continue;
      }
      if (given == ValueType.ANY) {
        continue;
      }
      boolean fits = given == wanted || (wanted == ValueType.FLOAT && given == ValueType.INT);
      if (fits && e instanceof Expr.IntLit lit && p.type() instanceof Primitive prim) {
        try {
          Wave.parse(Long.toString(lit.value()), prim);
        } catch (MosaicException ex) {
          problems.error(
              LangCodes.TYPE_MISMATCH,
              "argument "
                  + (i + 1)
                  + " of "
                  + name
                  + ": `"
                  + lit.value()
                  + "` does not fit in "
                  + prim.wit(),
              file,
              e.span(),
              null);
          continue;
        }
      }
      if (fits
          && p.type() == Primitive.CHAR
          && e instanceof Expr.StringLit str
          && str.value().codePointCount(0, str.value().length()) != 1) {
        fits = false;
      }
      if (!fits) {
        problems.error(
            LangCodes.TYPE_MISMATCH,
            "argument "
                + (i + 1)
                + " of "
                + name
                + " is "
                + Wave.typeName(p.type())
                + ", got "
                + given.label(),
            file,
            e.span(),
            given == ValueType.FLOAT && wanted == ValueType.INT
                ? "a fraction is never truncated: pass a whole number"
                : null);
      }
    }
    return sig.result() == null ? ValueType.NONE : witValue(sig.result());
  }

  /** The script value a WIT type is, or ANY for the types scripts cannot write. */
  private static ValueType witValue(dev.mosaic.host.component.WitType t) {
    if (!(t instanceof Primitive p)) {
      return ValueType.ANY;
    }
    return switch (p) {
      case BOOL -> ValueType.BOOL;
      case F32, F64 -> ValueType.FLOAT;
      case CHAR, STRING -> ValueType.STRING;
      default -> ValueType.INT;
    };
  }

  /**
   * Checks one argument against its parameter's kind: strings for {@code string}, strings or bytes
   * for {@code bytes} (a string passes its UTF-8), integers that fit for integer kinds, numbers for
   * floats. A literal out of an integer kind's range is refused here, at its position.
   */
  private void argument(String file, String name, int i, AbiKind wanted, ValueType given, Expr e) {
    if (given == ValueType.ANY) {
      return;
    }
    boolean fits =
        switch (wanted) {
          case STRING -> given == ValueType.STRING;
          case BYTES -> given == ValueType.BYTES || given == ValueType.STRING;
          case I32, I64 -> given == ValueType.INT;
          case F32, F64 -> given == ValueType.INT || given == ValueType.FLOAT;
        };
    if (!fits) {
      problems.error(
          LangCodes.TYPE_MISMATCH,
          "argument " + (i + 1) + " of " + name + " is " + wanted.text() + ", got " + given.label(),
          file,
          e.span(),
          given == ValueType.FLOAT && !wanted.inMemory()
              ? "a fraction is never truncated: pass a whole number"
              : null);
      return;
    }
    literalRange(file, name, i, wanted.text(), e);
  }

  /**
   * E2011 for a literal argument the parameter cannot hold, which would otherwise fail only when
   * the call runs: an i32 takes -2^31 to 2^32 - 1 (signed or unsigned), an f32 a float within its
   * range.
   */
  private void literalRange(String file, String name, int index, String wanted, Expr arg) {
    String problem = null;
    if (arg instanceof Expr.IntLit i
        && wanted.equals("i32")
        && (i.value() < Integer.MIN_VALUE || i.value() > 0xFFFF_FFFFL)) {
      problem = "`" + i.value() + "` does not fit in an i32";
    } else if (arg instanceof Expr.FloatLit f
        && wanted.equals("f32")
        && Math.abs(f.value()) > Float.MAX_VALUE) {
      problem = "`" + f.value() + "` does not fit in an f32";
    }
    if (problem != null) {
      problems.error(
          LangCodes.TYPE_MISMATCH,
          "argument " + (index + 1) + " of " + name + " is " + wanted + ": " + problem,
          file,
          arg.span(),
          wanted.equals("i32")
              ? "an i32 takes -2147483648 to 4294967295"
              : "an f32 takes at most 3.4028235e38 in magnitude");
    }
  }

  private void assertion(String file, Item.Assert a, Map<String, ValueType> variables) {
    ValueType left = type(file, a.left(), variables);
    if (a.right() == null) {
      if (left != ValueType.BOOL && left != ValueType.ANY) {
        problems.error(
            LangCodes.TYPE_MISMATCH,
            "`assert` needs a bool or a comparison, got " + left.label(),
            file,
            a.left().span(),
            "compare it: `assert value == expected`");
      }
      return;
    }
    ValueType right = type(file, a.right(), variables);
    boolean numeric =
        (left == ValueType.INT || left == ValueType.FLOAT)
            && (right == ValueType.INT || right == ValueType.FLOAT);
    if (left != right && left != ValueType.ANY && right != ValueType.ANY && !numeric) {
      problems.error(
          LangCodes.TYPE_MISMATCH,
          "cannot compare " + left.label() + " with " + right.label(),
          file,
          a.span(),
          null);
    }
  }

  // ---- lookups

  private CheckedComponent requireComponent(String file, String name, Span span) {
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

  private static String lineColumn(SourceLocation l) {
    return l.line() + ":" + l.column();
  }

  private FunctionDecl requireExport(
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
}
