package dev.mosaic.interpreter.compiler;

import dev.mosaic.dsl.ast.Item;
import dev.mosaic.dsl.ast.Span;
import dev.mosaic.host.abi.AbiSignature;
import dev.mosaic.host.component.ExternName;
import dev.mosaic.host.component.FuncSig;
import dev.mosaic.host.component.Item.InstanceItem;
import dev.mosaic.interpreter.diag.LangCodes;
import dev.mosaic.interpreter.diag.Problems;
import dev.mosaic.interpreter.diag.Suggest;
import dev.mosaic.interpreter.model.CheckedComponent;
import dev.mosaic.interpreter.model.InterfaceModel;
import dev.mosaic.interpreter.model.WitType;
import dev.mosaic.interpreter.wit.WitFunctions;
import dev.mosaic.plan.Binding;
import dev.mosaic.plan.Capabilities;
import dev.mosaic.plan.FunctionDecl;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.diag.Diagnostic;
import dev.mosaic.plan.diag.PlanCodes;
import dev.mosaic.plan.diag.SourceLocation;
import dev.mosaic.plan.rules.PlanRules;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks {@code bind} lines, of core-module imports and of WIT interfaces, against the components:
 * both ends exist, types and string/byte ABIs agree, an import is bound once and never to a
 * capability; then reports the imports no line binds. Rules the plan validator applies too come
 * from {@link PlanRules}.
 */
final class BindingChecker {
  private final CheckScope scope;
  private final Problems problems;
  private final Map<String, CheckedComponent> components;
  private final Map<String, InterfaceModel> interfaces;
  private final Map<Binding, SourceLocation> bindingOrigins;
  private final Set<String> attempted;

  BindingChecker(CheckScope scope) {
    this.scope = scope;
    this.problems = scope.problems;
    this.components = scope.components;
    this.interfaces = scope.interfaces;
    this.bindingOrigins = scope.bindingOrigins;
    this.attempted = scope.attempted;
  }

  void bind(String file, Item.Bind b, List<Binding> out, Set<String> bound) {
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
  void bound(List<Binding> bindings) {
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

  private CheckedComponent requireComponent(String file, String name, Span span) {
    return scope.requireComponent(file, name, span);
  }

  private static String nullToEmpty(String s) {
    return CheckScope.nullToEmpty(s);
  }
}
