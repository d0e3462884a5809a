package dev.mosaic.host.internal;

import dev.mosaic.host.HostCodes;
import dev.mosaic.host.HostLimits;
import dev.mosaic.host.component.ComponentInstance;
import dev.mosaic.host.component.ComponentLimits;
import dev.mosaic.host.component.ComponentLinker;
import dev.mosaic.host.component.Definition;
import dev.mosaic.host.component.World;
import dev.mosaic.host.component.binary.ComponentReader;
import dev.mosaic.host.component.binary.WorldReader;
import dev.mosaic.plan.Component;
import dev.mosaic.plan.FunctionDecl;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.WitWorld;
import dev.mosaic.plan.diag.Diagnostic;
import dev.mosaic.plan.diag.PlanCodes;
import dev.mosaic.plan.wasm.WasmInterface;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The core modules inside a plan component whose blob is a WebAssembly component, with what the
 * plan's rules need of each: its memory and tables, so every inner module gets the memory and table
 * caps a plan module gets, its start function moved out of instantiation ({@link StartFunction}),
 * and the tenant's memory budget is shared by all inner memories. The plan's digest is the digest
 * of the whole component blob.
 */
public final class ComponentModules {
  private final Component component;
  private final dev.mosaic.host.component.Component binary;
  private final Map<Definition.CoreModule, Integer> index = new HashMap<>();
  private final List<WasmInterface> shapes = new ArrayList<>();
  private final Map<Integer, ComponentLinker.CoreModule> prepared = new HashMap<>();

  private ComponentModules(Component component, dev.mosaic.host.component.Component binary) {
    this.component = component;
    this.binary = binary;
  }

  /**
   * Reads a component blob and each of its core modules.
   *
   * @throws MosaicException E42xx when the component or a core module is malformed, E9003 for a
   *     memory the host cannot cap
   */
  public static ComponentModules read(Component c, byte[] blob) {
    ComponentModules out =
        new ComponentModules(c, ComponentReader.read(blob, ComponentLimits.DEFAULT));
    checkWorld(c, WorldReader.read(out.binary, ComponentLimits.DEFAULT));
    out.collect(out.binary);
    return out;
  }

  /**
   * The plan's view of a component must be its blob's: the policy, {@code --reach}, {@code explain}
   * and the bindings are decided on {@code wit} and {@code exports}, so they cannot be edited apart
   * from the blob (as the validator compares a core module's imports and exports).
   *
   * @throws MosaicException E4203 when {@code wit.imports} differ from the world's imported
   *     functions or the plan lists core imports; E4204 when {@code wit.exports} or {@code exports}
   *     differ from the world's exported functions and their {@code canon lift} types
   */
  private static void checkWorld(Component c, World world) {
    WitWorld wit = world.planWit();
    String what = "component `" + c.id() + "`";
    List<String> imports = c.imports().stream().map(f -> f.module() + "." + f.name()).toList();
    differ(PlanCodes.IMPORTS_DIFFER, what + "'s core imports", imports, List.of());
    differ(PlanCodes.IMPORTS_DIFFER, what + "'s `wit` imports", c.wit().imports(), wit.imports());
    differ(PlanCodes.EXPORTS_DIFFER, what + "'s `wit` exports", c.wit().exports(), wit.exports());
    differ(
        PlanCodes.EXPORTS_DIFFER,
        what + "'s exports",
        c.exports().stream().map(ComponentModules::text).toList(),
        world.planExports().stream().map(ComponentModules::text).toList());
  }

  private static String text(FunctionDecl f) {
    return f.name()
        + (f.module().isEmpty() ? "" : " (module `" + f.module() + "`)")
        + " "
        + f.type();
  }

  private static void differ(String code, String what, List<String> plan, List<String> blob) {
    java.util.Set<String> extra = new java.util.LinkedHashSet<>(plan);
    extra.removeAll(blob);
    java.util.Set<String> missing = new java.util.LinkedHashSet<>(blob);
    missing.removeAll(plan);
    if (extra.isEmpty() && missing.isEmpty() && plan.size() == blob.size()) {
      return;
    }
    StringBuilder m = new StringBuilder(what).append(" in the plan differ from its blob's world:");
    if (!extra.isEmpty()) {
      m.append(" the blob has no ").append(names(extra));
    }
    if (!missing.isEmpty()) {
      m.append(extra.isEmpty() ? "" : ";").append(" the plan leaves out ").append(names(missing));
    }
    if (extra.isEmpty() && missing.isEmpty()) {
      m.append(" an entry is repeated");
    }
    throw new MosaicException(
        Diagnostic.of(code, m.toString())
            .withHelp("compile the plan again from the script: it lists the component's world"));
  }

  private static String names(java.util.Set<String> names) {
    List<String> shown =
        names.stream()
            .limit(3)
            .map(n -> "`" + (n.length() > 200 ? n.substring(0, 200) + "..." : n) + "`")
            .toList();
    return String.join(", ", shown)
        + (names.size() > 3 ? " and " + (names.size() - 3) + " more" : "");
  }

  private void collect(dev.mosaic.host.component.Component binary) {
    for (Definition d : binary.definitions()) {
      switch (d) {
        case Definition.CoreModule m -> {
          if (!index.containsKey(m)) {
            int i = shapes.size();
            WasmInterface shape = WasmInterface.read(name(i), m.bytes());
            if (shape.memories().size() > 1
                || shape.memories().stream().anyMatch(l -> l.shared() || l.wide())) {
              throw new MosaicException(
                  Diagnostic.of(
                          HostCodes.MEMORY,
                          name(i) + " defines more than one memory, or a shared or 64-bit one")
                      .withHelp("components whose modules define one 32-bit memory each run"));
            }
            index.put(m, i);
            shapes.add(shape);
          }
        }
        case Definition.NestedComponent n -> collect(n.component());
        default -> {}
      }
    }
  }

  private String name(int i) {
    return "core module " + i + " of component `" + component.id() + "`";
  }

  public dev.mosaic.host.component.Component binary() {
    return binary;
  }

  /** The key under which memory and table caps of inner module {@code i} are kept. */
  public String key(int i) {
    return component.id() + "#" + i;
  }

  public int count() {
    return shapes.size();
  }

  public WasmInterface shape(int i) {
    return shapes.get(i);
  }

  /**
   * Element caps of each inner module's tables: as for a plan module, its tables together may hold
   * the host's per-module number of elements, each an even share of what is left.
   */
  public Map<String, long[]> tableCaps(HostLimits limits) {
    long moduleCap = Math.min(limits.maxModuleTableElements(), 0xFFFF_FFFFL);
    Map<String, long[]> caps = new LinkedHashMap<>();
    for (int i = 0; i < shapes.size(); i++) {
      List<WasmInterface.TableLimits> tables = shapes.get(i).tables();
      if (tables.size() > limits.maxTablesPerModule()) {
        throw tables(i, "defines " + tables.size() + " tables, over the host's limit");
      }
      long initial = shapes.get(i).initialTableElements();
      if (initial > moduleCap) {
        throw tables(i, "starts with " + initial + " table elements, over the host's limit");
      }
      long[] cap = new long[tables.size()];
      long left = moduleCap - initial;
      for (int k = 0; k < cap.length; k++) {
        WasmInterface.TableLimits t = tables.get(k);
        long ceiling = t.max() < 0 ? moduleCap : Math.min(t.max(), moduleCap);
        long room = Math.min(ceiling - t.initial(), left / (cap.length - k));
        cap[k] = t.initial() + room;
        left -= room;
      }
      caps.put(key(i), cap);
    }
    return caps;
  }

  private MosaicException tables(int i, String what) {
    return new MosaicException(
        Diagnostic.of(HostCodes.TABLES, name(i) + " " + what)
            .withHelp("declare fewer or smaller tables, or raise the host's table limits"));
  }

  /**
   * Compiles every inner module in {@code context} before the deadline is armed: the engine keeps
   * the parsed modules, so instantiation, which runs under the call limit, does not pay for them.
   */
  public void compile(
      org.graalvm.polyglot.Context context,
      Map<String, Integer> memoryCaps,
      Map<String, long[]> tableCaps) {
    for (Definition.CoreModule m : index.keySet()) {
      context.eval(ComponentInstance.source(prepare(m, memoryCaps, tableCaps).bytes()));
    }
  }

  /** An inner module as it runs: start function moved to an export, memory and tables capped. */
  public ComponentLinker.CoreModule prepare(
      Definition.CoreModule m, Map<String, Integer> memoryCaps, Map<String, long[]> tableCaps) {
    return prepared.computeIfAbsent(index.get(m), i -> prepare(i, m, memoryCaps, tableCaps));
  }

  private ComponentLinker.CoreModule prepare(
      int i,
      Definition.CoreModule m,
      Map<String, Integer> memoryCaps,
      Map<String, long[]> tableCaps) {
    WasmInterface shape = shapes.get(i);
    StartFunction.Moved moved = StartFunction.move(m.bytes());
    byte[] bytes = moved.module();
    Integer cap = memoryCaps.get(key(i));
    long[] tableCap = tableCaps.get(key(i));
    boolean memoryChanges = cap != null && cap != shape.memories().getFirst().max();
    boolean tablesChange = false;
    for (int k = 0; k < tableCap.length; k++) {
      tablesChange |= tableCap[k] != shape.tables().get(k).max();
    }
    if (memoryChanges || tablesChange) {
      int initial = shape.memories().isEmpty() ? 0 : (int) shape.memories().getFirst().initial();
      bytes = MemoryCap.apply(bytes, initial, memoryChanges ? cap : null, tableCap);
    }
    return new ComponentLinker.CoreModule(bytes, moved.export());
  }

  /**
   * What a binding gives a component's import: the functions of the exporter's instance (or the
   * exporter's function) that the import's type names, each checked to have the same WIT type.
   * Values cross by lifting in the callee and lowering in the caller; no memory is shared.
   *
   * @throws MosaicException E4216 when the exporter is not a component, lacks the instance or a
   *     function, or a function's type differs; E4213 when a function passes a resource
   */
  public static Object bind(
      String importer,
      dev.mosaic.plan.Binding b,
      dev.mosaic.host.component.ComponentInstance exporter,
      dev.mosaic.host.component.Item type) {
    String what = "binding of `" + importer + "`'s import `" + b.importName() + "`";
    if (exporter == null) {
      throw mismatch(
          what
              + " names `"
              + b.exporter()
              + "`, which is not a WebAssembly component; bind components to components");
    }
    if (type instanceof dev.mosaic.host.component.Item.FuncItem f) {
      dev.mosaic.host.component.ComponentFunction fn = exporter.function(null, b.exportName());
      check(what, b, b.exportName(), f.type(), fn);
      return fn;
    }
    Map<String, dev.mosaic.host.component.ComponentFunction> functions =
        exporter.exportedInstance(b.exportName());
    if (functions == null) {
      throw mismatch(what + ": `" + b.exporter() + "` exports no `" + b.exportName() + "`");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    if (type instanceof dev.mosaic.host.component.Item.InstanceItem instance) {
      for (Map.Entry<String, dev.mosaic.host.component.Item> e : instance.exports().entrySet()) {
        if (e.getValue() instanceof dev.mosaic.host.component.Item.FuncItem f) {
          dev.mosaic.host.component.ComponentFunction fn = functions.get(e.getKey());
          check(what, b, e.getKey(), f.type(), fn);
          out.put(e.getKey(), fn);
        }
      }
    }
    return out;
  }

  private static void check(
      String what,
      dev.mosaic.plan.Binding b,
      String function,
      dev.mosaic.host.component.FuncSig wanted,
      dev.mosaic.host.component.ComponentFunction given) {
    if (given == null) {
      throw mismatch(
          what
              + ": `"
              + b.exporter()
              + "` has no function `"
              + function
              + "` in `"
              + b.exportName()
              + "`");
    }
    String resource = resourceIn(wanted);
    if (resource != null) {
      throw new MosaicException(
          Diagnostic.of(
                  dev.mosaic.host.component.ComponentCodes.UNSUPPORTED,
                  what
                      + ": function `"
                      + function
                      + "` passes resource `"
                      + resource
                      + "` between components, which Mosaic cannot run yet")
              .withHelp("pass plain values (records, lists, strings) across a binding"));
    }
    if (!wanted.equals(given.sig())) {
      throw mismatch(
          what
              + ": function `"
              + function
              + "` is `"
              + dev.mosaic.host.component.WitPrinter.func(wanted)
              + "` in the importer but `"
              + dev.mosaic.host.component.WitPrinter.func(given.sig())
              + "` in `"
              + b.exporter()
              + "`");
    }
  }

  private static String resourceIn(dev.mosaic.host.component.FuncSig sig) {
    List<dev.mosaic.host.component.WitType> all = new ArrayList<>(sig.paramTypes());
    all.addAll(sig.resultTypes());
    java.util.ArrayDeque<dev.mosaic.host.component.WitType> todo = new java.util.ArrayDeque<>(all);
    java.util.Set<dev.mosaic.host.component.WitType> seen =
        java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    while (!todo.isEmpty()) {
      dev.mosaic.host.component.WitType t = todo.pop();
      if (!seen.add(t)) {
        continue;
      }
      switch (t) {
        case dev.mosaic.host.component.WitType.OwnType o -> {
          return o.resource().toString();
        }
        case dev.mosaic.host.component.WitType.BorrowType o -> {
          return o.resource().toString();
        }
        case dev.mosaic.host.component.WitType.ListType l -> todo.push(l.element());
        case dev.mosaic.host.component.WitType.OptionType o -> todo.push(o.type());
        case dev.mosaic.host.component.WitType.TupleType tu -> tu.types().forEach(todo::push);
        case dev.mosaic.host.component.WitType.RecordType r ->
            r.fields().forEach(f -> todo.push(f.type()));
        case dev.mosaic.host.component.WitType.ResultType r -> {
          if (r.ok() != null) {
            todo.push(r.ok());
          }
          if (r.error() != null) {
            todo.push(r.error());
          }
        }
        case dev.mosaic.host.component.WitType.VariantType v ->
            v.cases()
                .forEach(
                    c -> {
                      if (c.type() != null) {
                        todo.push(c.type());
                      }
                    });
        default -> {}
      }
    }
    return null;
  }

  private static MosaicException mismatch(String message) {
    return new MosaicException(
        Diagnostic.of(dev.mosaic.host.component.ComponentCodes.BINDING_MISMATCH, message)
            .withHelp("bind an import to an export of the same WIT interface and version"));
  }
}
