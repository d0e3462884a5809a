package dev.mosaic.host.component.binary;

import dev.mosaic.host.component.Alias;
import dev.mosaic.host.component.CanonOptions;
import dev.mosaic.host.component.Component;
import dev.mosaic.host.component.ComponentCodes;
import dev.mosaic.host.component.ComponentInstance;
import dev.mosaic.host.component.ComponentLimits;
import dev.mosaic.host.component.DefType;
import dev.mosaic.host.component.Definition;
import dev.mosaic.host.component.Definition.SortIndex;
import dev.mosaic.host.component.ExternName;
import dev.mosaic.host.component.ExternType;
import dev.mosaic.host.component.FuncSig;
import dev.mosaic.host.component.Item;
import dev.mosaic.host.component.Primitive;
import dev.mosaic.host.component.ResourceType;
import dev.mosaic.host.component.Sort;
import dev.mosaic.host.component.ValType;
import dev.mosaic.host.component.WitType;
import dev.mosaic.host.component.World;
import dev.mosaic.host.component.abi.Layouts;
import dev.mosaic.plan.MosaicException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves a {@link Component}'s imports and exports to WIT-level types: it walks the index spaces
 * the way a validator does, follows aliases, and instantiates nested components at the type level
 * (each import bound to its {@code with} argument), so an interface exported through the shim
 * component that {@code wit-component} emits comes out with its functions, records, variants and
 * resources.
 *
 * <p>Checks on the way: indices in range, definitions of the right sort, types of the right kind,
 * canon options that the function's type needs (memory for strings and lists, realloc where the
 * callee must allocate), no {@code borrow} in results, value types no deeper than {@link
 * ComponentLimits#maxTypeDepth()} and a bounded amount of work for hostile nesting.
 */
public final class WorldReader {
  private final ComponentLimits limits;
  private final IdentityHashMap<WitType, Integer> depths = new IdentityHashMap<>();
  private final Layouts layouts = new Layouts();
  private final Runtime runtime;
  private int work;
  private int instantiations;

  private WorldReader(ComponentLimits limits, Runtime runtime) {
    this.limits = limits;
    this.runtime = runtime;
  }

  /**
   * What instantiation does beside type checking: {@link ComponentInstance} follows the same walk
   * over the index spaces and builds the runtime items next to the types.
   */
  public interface Runtime {
    /** After a definition of {@code scope} was checked and its types added. */
    void define(Scope scope, Definition d);

    /** Before a nested component is evaluated for {@code instantiate} in {@code outer}. */
    void enter(Scope outer, Scope inner, Definition.Instantiate instantiate);

    /** After the nested component of an {@code instantiate} was evaluated. */
    void leave(Scope outer, Scope inner);
  }

  /** Checks a component and calls {@code runtime} for each of its definitions. */
  public static World walk(
      Component component, ComponentLimits limits, Runtime runtime, Scope top) {
    WorldReader reader = new WorldReader(limits, runtime);
    try {
      reader.evaluate(component, top);
      return new World(top.imports, top.exports);
    } catch (StackOverflowError e) {
      throw new MosaicException(ComponentCodes.LIMIT, "component nests too deeply to resolve");
    }
  }

  /** The world of a component read with the default limits. */
  public static World read(Component component) {
    return read(component, ComponentLimits.DEFAULT);
  }

  /**
   * The world of a component.
   *
   * @throws MosaicException E4212 invalid, E4211 over a limit
   */
  public static World read(Component component, ComponentLimits limits) {
    return walk(component, limits, null, new Scope(null, null, false));
  }

  /** An entry of a type index space. */
  sealed interface TypeEntry {}

  record ValueEntry(WitType type) implements TypeEntry {}

  record FuncEntry(FuncSig sig) implements TypeEntry {}

  public record ResourceEntry(ResourceType resource, boolean local) implements TypeEntry {}

  record InstanceEntry(Item.InstanceItem type) implements TypeEntry {}

  record ComponentEntry(Item.ComponentItem type) implements TypeEntry {}

  /** A nested component and the scope it was defined in, with the sizes visible to it. */
  record Closure(Component component, Scope parent) {}

  /** The index spaces of one component, component type or instance type. */
  public static final class Scope {
    /** What the runtime keeps for this scope, or null. */
    public Object runtime;

    final Scope parent;
    final Map<String, Item> args;
    final boolean typeScope;
    public final List<TypeEntry> types = new ArrayList<>();
    public final List<FuncSig> funcs = new ArrayList<>();
    final List<Item.InstanceItem> instances = new ArrayList<>();
    final List<Object> components = new ArrayList<>();
    public final List<Item.Named> imports = new ArrayList<>();
    final List<Item.Named> exports = new ArrayList<>();
    final int[] visible;
    int coreTypes;
    int coreModules;
    int coreInstances;
    int coreFuncs;
    int coreTables;
    int coreMemories;
    int coreGlobals;
    int coreTags;

    public Scope(Scope parent, Map<String, Item> args, boolean typeScope) {
      this.parent = parent;
      this.args = args;
      this.typeScope = typeScope;
      // An outer alias sees only what its enclosing scope had defined when this scope began.
      this.visible =
          parent == null
              ? new int[4]
              : new int[] {
                parent.types.size(), parent.components.size(), parent.coreTypes, parent.coreModules
              };
    }
  }

  private void evaluate(Component component, Scope scope) {
    for (Definition d : component.definitions()) {
      step();
      define(scope, d);
      if (runtime != null) {
        runtime.define(scope, d);
      }
    }
  }

  private void define(Scope scope, Definition d) {
    {
      switch (d) {
        case Definition.Custom c -> {}
        case Definition.CoreModule m -> scope.coreModules++;
        case Definition.CoreTypeDef t -> scope.coreTypes++;
        case Definition.CoreInstantiate ci -> {
          check(ci.module() < scope.coreModules, "core module", ci.module());
          for (Definition.CoreArg a : ci.args()) {
            check(a.instance() < scope.coreInstances, "core instance", a.instance());
          }
          scope.coreInstances++;
        }
        case Definition.CoreInlineInstance ci -> {
          for (Definition.CoreInlineExport e : ci.exports()) {
            checkCore(scope, e.item());
          }
          scope.coreInstances++;
        }
        case Definition.NestedComponent n ->
            scope.components.add(new Closure(n.component(), scope));
        case Definition.Instantiate i -> scope.instances.add(instantiate(scope, i));
        case Definition.InlineInstance i -> {
          Map<String, Item> exports = new LinkedHashMap<>();
          for (Definition.InlineExport e : i.exports()) {
            exports.put(e.name().text(), itemOf(scope, e.item()));
          }
          scope.instances.add(new Item.InstanceItem(exports));
        }
        case Definition.AliasDef a -> alias(scope, a.sort(), a.target());
        case Definition.TypeDef t -> scope.types.add(defType(scope, t.type()));
        case Definition.CanonLift l -> {
          check(l.coreFunc() < scope.coreFuncs, "core func", l.coreFunc());
          if (!(type(scope, l.type()) instanceof FuncEntry f)) {
            throw invalid("canon lift names type " + l.type() + ", which is not a function type");
          }
          canonOptions(scope, l.options(), f.sig(), true);
          scope.funcs.add(f.sig());
        }
        case Definition.CanonLower l -> {
          check(l.func() < scope.funcs.size(), "func", l.func());
          canonOptions(scope, l.options(), scope.funcs.get(l.func()), false);
          scope.coreFuncs++;
        }
        case Definition.CanonResource r -> {
          if (!(type(scope, r.type()) instanceof ResourceEntry e)) {
            throw invalid(
                "canon resource."
                    + r.op().name().toLowerCase(java.util.Locale.ROOT)
                    + " names type "
                    + r.type()
                    + ", which is not a resource");
          }
          if (r.op() != Definition.ResourceOp.DROP && !e.local()) {
            throw invalid("canon resource.new and resource.rep need a resource defined here");
          }
          scope.coreFuncs++;
        }
        case Definition.Start s -> check(s.func() < scope.funcs.size(), "func", s.func());
        case Definition.Import im -> {
          Item item;
          if (scope.args != null) {
            item = scope.args.get(im.name().text());
            if (item == null) {
              throw invalid(
                  "instantiation gives no argument for import `" + im.name().text() + "`");
            }
            Item declared = externType(scope, im.type(), im.name());
            if (!sameKind(item, declared)) {
              throw invalid("argument for import `" + im.name().text() + "` is of another kind");
            }
          } else {
            item = externType(scope, im.type(), im.name());
          }
          add(scope, item);
          scope.imports.add(new Item.Named(im.name(), item));
        }
        case Definition.Export ex -> {
          Item actual = itemOf(scope, ex.item());
          Item item = actual;
          if (ex.ascribed() != null) {
            Item ascribed = externType(scope, ex.ascribed(), ex.name());
            if (!sameKind(actual, ascribed)) {
              throw invalid("export `" + ex.name().text() + "` is ascribed a type of another kind");
            }
            if (ascribed instanceof Item.FuncItem) {
              item = ascribed;
            }
          }
          name(item, ex.name());
          add(scope, item);
          scope.exports.add(new Item.Named(ex.name(), item));
        }
      }
    }
  }

  private Item.InstanceItem instantiate(Scope scope, Definition.Instantiate i) {
    check(i.component() < scope.components.size(), "component", i.component());
    Map<String, Item> args = new HashMap<>();
    for (Definition.Arg a : i.args()) {
      args.put(a.name(), itemOf(scope, a.item()));
    }
    Object target = scope.components.get(i.component());
    if (target instanceof Item.ComponentItem type) {
      Map<String, Item> exports = new LinkedHashMap<>();
      for (Item.Named n : type.exports()) {
        exports.put(n.name().text(), n.item());
      }
      return new Item.InstanceItem(exports);
    }
    Closure closure = (Closure) target;
    if (++instantiations > limits.maxDepth() * 1024) {
      throw new MosaicException(
          ComponentCodes.LIMIT, "component instantiates nested components too many times");
    }
    Scope inner = new Scope(closure.parent(), args, false);
    if (runtime != null) {
      runtime.enter(scope, inner, i);
    }
    evaluate(closure.component(), inner);
    if (runtime != null) {
      runtime.leave(scope, inner);
    }
    Map<String, Item> exports = new LinkedHashMap<>();
    for (Item.Named n : inner.exports) {
      exports.put(n.name().text(), n.item());
    }
    return new Item.InstanceItem(exports);
  }

  private void alias(Scope scope, Sort sort, Alias target) {
    switch (target) {
      case Alias.InstanceExport e -> {
        check(e.instance() < scope.instances.size(), "instance", e.instance());
        Item item = scope.instances.get(e.instance()).exports().get(e.name());
        if (item == null) {
          throw invalid("instance " + e.instance() + " has no export `" + e.name() + "`");
        }
        if (sortOf(item) != sort) {
          throw invalid(
              "export `" + e.name() + "` of instance " + e.instance() + " is not a " + sort);
        }
        add(scope, item);
      }
      case Alias.CoreInstanceExport e -> {
        check(e.coreInstance() < scope.coreInstances, "core instance", e.coreInstance());
        switch (sort) {
          case CORE_FUNC -> scope.coreFuncs++;
          case CORE_TABLE -> scope.coreTables++;
          case CORE_MEMORY -> scope.coreMemories++;
          case CORE_GLOBAL -> scope.coreGlobals++;
          case CORE_TAG -> scope.coreTags++;
          default -> throw invalid("a core instance cannot export a " + sort);
        }
      }
      case Alias.Outer o -> {
        Scope s = scope;
        boolean crossesComponent = false;
        for (int i = 0; i < o.count(); i++) {
          if (s.parent == null) {
            throw invalid("outer alias reaches " + o.count() + " scopes out, past the top");
          }
          crossesComponent |= !s.typeScope;
          s = s.parent;
        }
        Scope from = s;
        int[] visible = o.count() == 0 ? null : scopeVisible(scope, o.count());
        switch (sort) {
          case TYPE -> {
            int limit = visible == null ? from.types.size() : visible[0];
            check(o.index() < limit, "type", o.index());
            TypeEntry t = from.types.get(o.index());
            if (crossesComponent && t instanceof ResourceEntry) {
              throw invalid("an outer alias cannot carry a resource type into a component");
            }
            scope.types.add(t);
          }
          case COMPONENT -> {
            int limit = visible == null ? from.components.size() : visible[1];
            check(o.index() < limit, "component", o.index());
            scope.components.add(from.components.get(o.index()));
          }
          case CORE_TYPE -> {
            int limit = visible == null ? from.coreTypes : visible[2];
            check(o.index() < limit, "core type", o.index());
            scope.coreTypes++;
          }
          case CORE_MODULE -> {
            int limit = visible == null ? from.coreModules : visible[3];
            check(o.index() < limit, "core module", o.index());
            scope.coreModules++;
          }
          default -> throw invalid("an outer alias cannot refer to a " + sort);
        }
      }
    }
  }

  /** The sizes of the scope {@code count} levels out as they were when its child scope began. */
  private static int[] scopeVisible(Scope scope, int count) {
    Scope s = scope;
    for (int i = 1; i < count; i++) {
      s = s.parent;
    }
    return s.visible;
  }

  private TypeEntry defType(Scope scope, DefType t) {
    return switch (t) {
      case DefType.Func f -> {
        List<WitType.Field> params = new ArrayList<>();
        for (DefType.Field p : f.params()) {
          params.add(new WitType.Field(p.label(), valType(scope, p.type())));
        }
        WitType result = f.result() == null ? null : valType(scope, f.result());
        if (result != null && containsBorrow(result, new IdentityHashMap<>())) {
          throw invalid("a function result cannot contain a borrow");
        }
        yield new FuncEntry(new FuncSig(params, result));
      }
      case DefType.Resource r -> {
        if (r.destructor() != null) {
          check(r.destructor() < scope.coreFuncs, "core func", r.destructor());
        }
        yield new ResourceEntry(new ResourceType(null), true);
      }
      case DefType.ComponentType ct -> {
        Scope inner = new Scope(scope, null, true);
        declarations(inner, ct.declarations());
        yield new ComponentEntry(new Item.ComponentItem(inner.imports, inner.exports));
      }
      case DefType.InstanceType it -> {
        Scope inner = new Scope(scope, null, true);
        declarations(inner, it.declarations());
        Map<String, Item> exports = new LinkedHashMap<>();
        for (Item.Named n : inner.exports) {
          exports.put(n.name().text(), n.item());
        }
        yield new InstanceEntry(new Item.InstanceItem(exports));
      }
      default -> new ValueEntry(valueType(scope, t));
    };
  }

  private void declarations(Scope scope, List<DefType.Decl> decls) {
    for (DefType.Decl d : decls) {
      step();
      switch (d) {
        case DefType.CoreTypeDecl c -> scope.coreTypes++;
        case DefType.TypeDecl t -> scope.types.add(defType(scope, t.type()));
        case DefType.AliasDecl a -> {
          if (a.target() instanceof Alias.CoreInstanceExport) {
            throw invalid("a type declaration cannot alias a core instance export");
          }
          alias(scope, a.sort(), a.target());
        }
        case DefType.ImportDecl i -> {
          Item item = externType(scope, i.type(), i.name());
          add(scope, item);
          scope.imports.add(new Item.Named(i.name(), item));
        }
        case DefType.ExportDecl e -> {
          Item item = externType(scope, e.type(), e.name());
          add(scope, item);
          scope.exports.add(new Item.Named(e.name(), item));
        }
      }
    }
  }

  private WitType valueType(Scope scope, DefType t) {
    WitType result =
        switch (t) {
          case DefType.Prim p -> p.type();
          case DefType.Record r -> {
            List<WitType.Field> fields = new ArrayList<>();
            for (DefType.Field f : r.fields()) {
              fields.add(new WitType.Field(f.label(), valType(scope, f.type())));
            }
            yield new WitType.RecordType(fields);
          }
          case DefType.Variant v -> {
            List<WitType.Case> cases = new ArrayList<>();
            for (DefType.Case c : v.cases()) {
              cases.add(
                  new WitType.Case(c.label(), c.type() == null ? null : valType(scope, c.type())));
            }
            yield new WitType.VariantType(cases);
          }
          case DefType.ListOf l -> new WitType.ListType(valType(scope, l.element()));
          case DefType.Tuple tu ->
              new WitType.TupleType(tu.types().stream().map(x -> valType(scope, x)).toList());
          case DefType.Flags f -> new WitType.FlagsType(f.labels());
          case DefType.Enum e -> new WitType.EnumType(e.labels());
          case DefType.Option o -> new WitType.OptionType(valType(scope, o.type()));
          case DefType.Result r ->
              new WitType.ResultType(
                  r.ok() == null ? null : valType(scope, r.ok()),
                  r.error() == null ? null : valType(scope, r.error()));
          case DefType.Own o -> new WitType.OwnType(resource(scope, o.resourceIndex()));
          case DefType.Borrow b -> new WitType.BorrowType(resource(scope, b.resourceIndex()));
          default -> throw new IllegalStateException("not a value type: " + t);
        };
    depth(result);
    try {
      layouts.size(result);
    } catch (ArithmeticException e) {
      throw invalid("a value type is larger than the canonical ABI allows (2^28 bytes)");
    }
    return result;
  }

  private int depth(WitType t) {
    if (t == null || t instanceof Primitive) {
      return 0;
    }
    Integer known = depths.get(t);
    if (known != null) {
      return known;
    }
    int d =
        1
            + switch (t) {
              case WitType.ListType l -> depth(l.element());
              case WitType.RecordType r ->
                  r.fields().stream().mapToInt(f -> depth(f.type())).max().orElse(0);
              case WitType.TupleType tu ->
                  tu.types().stream().mapToInt(this::depth).max().orElse(0);
              case WitType.VariantType v ->
                  v.cases().stream().mapToInt(c -> depth(c.type())).max().orElse(0);
              case WitType.OptionType o -> depth(o.type());
              case WitType.ResultType r -> Math.max(depth(r.ok()), depth(r.error()));
              default -> 0;
            };
    if (d > limits.maxTypeDepth()) {
      throw new MosaicException(
          ComponentCodes.LIMIT,
          "a value type nests deeper than the limit of " + limits.maxTypeDepth() + " levels");
    }
    depths.put(t, d);
    return d;
  }

  private ResourceType resource(Scope scope, int index) {
    if (!(type(scope, index) instanceof ResourceEntry r)) {
      throw invalid("own and borrow need a resource type, type " + index + " is not one");
    }
    return r.resource();
  }

  private WitType valType(Scope scope, ValType v) {
    return switch (v) {
      case Primitive p -> p;
      case ValType.Ref r -> {
        if (!(type(scope, r.index()) instanceof ValueEntry e)) {
          throw invalid("type " + r.index() + " is not a value type");
        }
        yield e.type();
      }
    };
  }

  private TypeEntry type(Scope scope, int index) {
    check(index < scope.types.size(), "type", index);
    return scope.types.get(index);
  }

  private Item externType(Scope scope, ExternType t, ExternName name) {
    return switch (t) {
      case ExternType.CoreModule m -> {
        check(m.coreTypeIndex() < scope.coreTypes, "core type", m.coreTypeIndex());
        yield new Item.CoreModuleItem();
      }
      case ExternType.Func f -> {
        if (!(type(scope, f.typeIndex()) instanceof FuncEntry e)) {
          throw invalid("`" + name.text() + "`: type " + f.typeIndex() + " is not a function type");
        }
        yield new Item.FuncItem(e.sig());
      }
      case ExternType.TypeEq eq ->
          switch (type(scope, eq.typeIndex())) {
            case ValueEntry v -> new Item.ValueTypeItem(v.type());
            case ResourceEntry r -> new Item.ResourceItem(r.resource());
            default ->
                throw invalid(
                    "`"
                        + name.text()
                        + "`: only value and resource types can be imported or"
                        + " exported as types");
          };
      case ExternType.TypeSubResource s -> {
        ResourceType r = new ResourceType(null);
        yield new Item.ResourceItem(r);
      }
      case ExternType.Component c -> {
        if (!(type(scope, c.typeIndex()) instanceof ComponentEntry e)) {
          throw invalid(
              "`" + name.text() + "`: type " + c.typeIndex() + " is not a component type");
        }
        yield e.type();
      }
      case ExternType.Instance i -> {
        if (!(type(scope, i.typeIndex()) instanceof InstanceEntry e)) {
          throw invalid(
              "`" + name.text() + "`: type " + i.typeIndex() + " is not an instance type");
        }
        yield e.type();
      }
    };
  }

  private Item itemOf(Scope scope, SortIndex s) {
    int i = s.index();
    return switch (s.sort()) {
      case FUNC -> {
        check(i < scope.funcs.size(), "func", i);
        yield new Item.FuncItem(scope.funcs.get(i));
      }
      case TYPE ->
          switch (type(scope, i)) {
            case ValueEntry v -> new Item.ValueTypeItem(v.type());
            case ResourceEntry r -> new Item.ResourceItem(r.resource());
            case InstanceEntry e -> e.type();
            case ComponentEntry c -> c.type();
            case FuncEntry f -> new Item.FuncItem(f.sig());
          };
      case INSTANCE -> {
        check(i < scope.instances.size(), "instance", i);
        yield scope.instances.get(i);
      }
      case COMPONENT -> {
        check(i < scope.components.size(), "component", i);
        Object c = scope.components.get(i);
        if (c instanceof Item.ComponentItem type) {
          yield type;
        }
        throw new MosaicException(
            ComponentCodes.UNSUPPORTED,
            "component passes or exports a nested component definition, which Mosaic does not"
                + " support yet");
      }
      case CORE_MODULE -> {
        check(i < scope.coreModules, "core module", i);
        yield new Item.CoreModuleItem();
      }
      default -> throw invalid("a component cannot pass or export a " + s.sort());
    };
  }

  private void checkCore(Scope scope, SortIndex s) {
    int i = s.index();
    switch (s.sort()) {
      case CORE_FUNC -> check(i < scope.coreFuncs, "core func", i);
      case CORE_TABLE -> check(i < scope.coreTables, "core table", i);
      case CORE_MEMORY -> check(i < scope.coreMemories, "core memory", i);
      case CORE_GLOBAL -> check(i < scope.coreGlobals, "core global", i);
      case CORE_TAG -> check(i < scope.coreTags, "core tag", i);
      default -> throw invalid("a core instance cannot export a " + s.sort());
    }
  }

  private void add(Scope scope, Item item) {
    switch (item) {
      case Item.FuncItem f -> scope.funcs.add(f.type());
      case Item.ValueTypeItem v -> scope.types.add(new ValueEntry(v.type()));
      case Item.ResourceItem r -> scope.types.add(new ResourceEntry(r.resource(), false));
      case Item.InstanceItem i -> scope.instances.add(i);
      case Item.ComponentItem c -> scope.components.add(c);
      case Item.CoreModuleItem m -> scope.coreModules++;
    }
  }

  private static Sort sortOf(Item item) {
    return switch (item) {
      case Item.FuncItem f -> Sort.FUNC;
      case Item.ValueTypeItem v -> Sort.TYPE;
      case Item.ResourceItem r -> Sort.TYPE;
      case Item.InstanceItem i -> Sort.INSTANCE;
      case Item.ComponentItem c -> Sort.COMPONENT;
      case Item.CoreModuleItem m -> Sort.CORE_MODULE;
    };
  }

  private static boolean sameKind(Item a, Item b) {
    if (a instanceof Item.ResourceItem || b instanceof Item.ResourceItem) {
      return a instanceof Item.ResourceItem && b instanceof Item.ResourceItem;
    }
    return sortOf(a) == sortOf(b);
  }

  private static void name(Item item, ExternName name) {
    if (item instanceof Item.ResourceItem r && name instanceof ExternName.Plain p) {
      r.resource().nameIfUnnamed(p.label());
    }
  }

  private void canonOptions(Scope scope, CanonOptions o, FuncSig sig, boolean lift) {
    if (o.memory() >= 0) {
      check(o.memory() < scope.coreMemories, "core memory", o.memory());
    }
    if (o.realloc() >= 0) {
      check(o.realloc() < scope.coreFuncs, "core func", o.realloc());
    }
    if (o.postReturn() >= 0) {
      check(o.postReturn() < scope.coreFuncs, "core func", o.postReturn());
      if (!lift) {
        throw invalid("post-return is an option of canon lift only");
      }
    }
    boolean memoryNeeded =
        sig.params().stream().anyMatch(p -> layouts.usesMemory(p.type()))
            || (sig.result() != null && layouts.usesMemory(sig.result()))
            || layouts.flatCount(sig.paramTypes(), Layouts.MAX_FLAT_PARAMS)
                > Layouts.MAX_FLAT_PARAMS
            || layouts.flatCount(sig.resultTypes(), Layouts.MAX_FLAT_RESULTS)
                > Layouts.MAX_FLAT_RESULTS;
    if (memoryNeeded && o.memory() < 0) {
      throw invalid("a function of this type needs the memory option");
    }
    // Lifting: the caller writes the parameters into the callee's memory. Lowering: the callee's
    // results are written into the caller's memory. Either needs the guest's realloc.
    List<WitType> allocated = lift ? sig.paramTypes() : sig.resultTypes();
    boolean reallocNeeded = allocated.stream().anyMatch(layouts::usesMemory);
    if (lift
        && layouts.flatCount(sig.paramTypes(), Layouts.MAX_FLAT_PARAMS) > Layouts.MAX_FLAT_PARAMS) {
      reallocNeeded = true;
    }
    if (reallocNeeded && o.realloc() < 0) {
      throw invalid("a function of this type needs the realloc option");
    }
  }

  private static boolean containsBorrow(WitType t, IdentityHashMap<WitType, Boolean> seen) {
    if (t == null || t instanceof Primitive) {
      return false;
    }
    Boolean known = seen.get(t);
    if (known != null) {
      return known;
    }
    boolean result =
        switch (t) {
          case WitType.BorrowType b -> true;
          case WitType.ListType l -> containsBorrow(l.element(), seen);
          case WitType.RecordType r ->
              r.fields().stream().anyMatch(f -> containsBorrow(f.type(), seen));
          case WitType.TupleType tu -> tu.types().stream().anyMatch(x -> containsBorrow(x, seen));
          case WitType.VariantType v ->
              v.cases().stream().anyMatch(c -> containsBorrow(c.type(), seen));
          case WitType.OptionType o -> containsBorrow(o.type(), seen);
          case WitType.ResultType r ->
              containsBorrow(r.ok(), seen) || containsBorrow(r.error(), seen);
          default -> false;
        };
    seen.put(t, result);
    return result;
  }

  private void step() {
    if (++work > limits.maxItems()) {
      throw new MosaicException(
          ComponentCodes.LIMIT,
          "component takes more than " + limits.maxItems() + " steps to resolve");
    }
  }

  private static void check(boolean ok, String what, int index) {
    if (!ok) {
      throw invalid(what + " index " + index + " is out of range");
    }
  }

  private static MosaicException invalid(String message) {
    return new MosaicException(ComponentCodes.INVALID, "invalid component: " + message);
  }
}
