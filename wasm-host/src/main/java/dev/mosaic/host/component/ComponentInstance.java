package dev.mosaic.host.component;

import dev.mosaic.host.component.abi.CanonicalAbi;
import dev.mosaic.host.component.abi.Destructor;
import dev.mosaic.host.component.abi.GraalMemory;
import dev.mosaic.host.component.abi.HandleTable;
import dev.mosaic.host.component.abi.Layouts;
import dev.mosaic.host.component.abi.MemoryCopier;
import dev.mosaic.host.component.binary.ComponentReader;
import dev.mosaic.host.component.binary.WorldReader;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.diag.Diagnostic;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.ByteSequence;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * A component instantiated on GraalWasm: its core modules instantiated in one polyglot context,
 * their imports wired as the component's core instances and aliases say, its {@code canon}
 * built-ins provided by the host, and its exported functions callable with Java values through the
 * {@link CanonicalAbi}.
 *
 * <p>Standing alone ({@link #instantiate}) it runs a component without imports and without limits.
 * In a plan, {@code Composition} instantiates it through a {@link ComponentLinker} that provides
 * host and bound imports, and runs every call, {@code realloc}, {@code post-return} and destructor
 * under the tenant's memory cap, deadline and policy (docs/components.md, "Components in plans").
 */
public final class ComponentInstance implements AutoCloseable {
  /**
   * Most core module instances one component may create, nested components included: a hostile
   * component cannot make the engine instantiate modules (and their memories) without end.
   */
  public static final int MAX_CORE_INSTANCES = 1000;

  private final Context context;
  private final World world;
  private final ComponentState state;
  private final Layouts layouts = new Layouts();
  private final Map<String, Object> exports;
  private final long maxTransferBytes;
  private final boolean ownsContext;
  private final MemoryCopier.PerMemory copiers;

  /** A component function: a core function lifted with its canon options. */
  record Lifted(
      Value core,
      FuncSig sig,
      Value memory,
      Value realloc,
      Value postReturn,
      StringEncoding encoding) {}

  /** The runtime index spaces of one (nested) component, beside the type-level ones. */
  private static final class Space {
    final List<Value> coreModules = new ArrayList<>();
    final List<Map<String, Object>> coreInstances = new ArrayList<>();
    final List<Object> coreFuncs = new ArrayList<>();
    final List<Object> coreTables = new ArrayList<>();
    final List<Object> coreMemories = new ArrayList<>();
    final List<Object> coreGlobals = new ArrayList<>();
    final List<Object> funcs = new ArrayList<>();
    final List<Map<String, Object>> instances = new ArrayList<>();
    final Map<String, Object> exports = new LinkedHashMap<>();
    final Map<String, Object> args;
    Map<String, Object> instantiated;

    Space(Map<String, Object> args) {
      this.args = args;
    }
  }

  private ComponentInstance(
      Context context,
      World world,
      ComponentState state,
      Map<String, Object> exports,
      long maxTransferBytes,
      boolean ownsContext,
      MemoryCopier.PerMemory copiers) {
    this.context = context;
    this.world = world;
    this.state = state;
    this.exports = exports;
    this.maxTransferBytes = maxTransferBytes;
    this.ownsContext = ownsContext;
    this.copiers = copiers;
  }

  /**
   * Reads, checks and instantiates a component in a new context.
   *
   * @throws MosaicException E42xx when the component is malformed, invalid or uses what is not
   *     supported yet (imports, start functions), E9005 when GraalWasm cannot instantiate a core
   *     module
   */
  public static ComponentInstance instantiate(
      byte[] bytes, ComponentLimits limits, long maxTransferBytes) {
    Component component = ComponentReader.read(bytes, limits);
    Context context = Context.newBuilder("wasm").build();
    try {
      return instantiate(component, limits, maxTransferBytes, context, ComponentLinker.NONE, true);
    } catch (RuntimeException e) {
      context.close(true);
      throw e;
    }
  }

  /**
   * Instantiates a component read before in {@code context}, its imports given by {@code linker}. A
   * failure leaves {@code context} to its owner; so does {@link #close()} unless {@code
   * ownsContext}. Guest code that is cancelled (a deadline) or exits leaves as the engine's
   * exception, for the owner of the context to report.
   *
   * @throws MosaicException E42xx when the component is malformed, invalid, uses what is not
   *     supported yet or imports what the linker does not give (E4215), E9005 when GraalWasm cannot
   *     instantiate a core module
   */
  public static ComponentInstance instantiate(
      Component component,
      ComponentLimits limits,
      long maxTransferBytes,
      Context context,
      ComponentLinker linker,
      boolean ownsContext) {
    ComponentState state = new ComponentState(new HandleTable(), Set.of(), Map.of());
    try {
      Builder builder = new Builder(context, state, linker, maxTransferBytes);
      WorldReader.Scope top = new WorldReader.Scope(null, null, false);
      top.runtime = new Space(null);
      World world = WorldReader.walk(component, limits, builder, top);
      return new ComponentInstance(
          context,
          world,
          state,
          ((Space) top.runtime).exports,
          maxTransferBytes,
          ownsContext,
          builder.copiers);
    } catch (PolyglotException e) {
      if (e.isCancelled() || e.isExit() || e.isInterrupted() || e.isResourceExhausted()) {
        throw e;
      }
      if (e.isHostException() && e.asHostException() instanceof MosaicException m) {
        throw m;
      }
      throw new MosaicException(
          "E9005", "cannot instantiate component: " + String.valueOf(e.getMessage()));
    }
  }

  /**
   * A function the component exports, as a {@link ComponentFunction}: {@code function(null,
   * "greet")} for a function of its own, {@code function("mosaic:calc/ops@0.1.0", "add")} for one
   * of an exported instance; null when there is none.
   */
  public ComponentFunction function(String instance, String name) {
    Object f;
    if (instance == null) {
      f = exports.get(name);
    } else {
      f = exports.get(instance) instanceof Map<?, ?> m ? m.get(name) : null;
    }
    if (!(f instanceof Lifted l)) {
      return null;
    }
    String where = instance == null ? name : instance + "#" + name;
    return new ComponentFunction() {
      @Override
      public FuncSig sig() {
        return l.sig();
      }

      @Override
      public Object call(List<?> args) {
        return invoke(l, where, args);
      }
    };
  }

  /**
   * The functions of exported instance {@code name} by function name, or null when the component
   * exports no instance of that name.
   */
  public Map<String, ComponentFunction> exportedInstance(String name) {
    if (!(exports.get(name) instanceof Map<?, ?> m)) {
      return null;
    }
    Map<String, ComponentFunction> out = new LinkedHashMap<>();
    for (Object key : m.keySet()) {
      ComponentFunction f = function(name, (String) key);
      if (f != null) {
        out.put((String) key, f);
      }
    }
    return out;
  }

  /**
   * The source a core module of a component is evaluated from: evaluating an equal source again in
   * the same context reuses the parsed module, so a host may compile the modules first.
   */
  public static Source source(byte[] module) {
    return Source.newBuilder("wasm", ByteSequence.create(module), "core")
        .cached(true)
        .buildLiteral();
  }

  public World world() {
    return world;
  }

  /** The instance's resource handles. */
  public ComponentState state() {
    return state;
  }

  /**
   * Calls an exported function: {@code call("greet", args)} for a function the component exports
   * itself, {@code call("wasi:cli/run@0.2.0", "run", args)} for a function of an exported instance.
   * Arguments and result are Java values as {@link CanonicalAbi} describes them.
   *
   * @throws MosaicException E9004 for an unknown export or arguments that do not fit, E9001 when
   *     the guest traps or breaks the canonical ABI
   */
  public Object call(String export, List<?> args) {
    return invoke(exports.get(export), export, args);
  }

  /** Calls function {@code function} of exported instance {@code instance}. */
  public Object call(String instance, String function, List<?> args) {
    Object i = exports.get(instance);
    Object f = i instanceof Map<?, ?> m ? m.get(function) : null;
    return invoke(f, instance + "#" + function, args);
  }

  private synchronized Object invoke(Object target, String name, List<?> args) {
    if (!(target instanceof Lifted f)) {
      throw new MosaicException("E9004", "the component exports no function `" + name + "`");
    }
    // Entered once for the call: each access to the guest's memory and each realloc is then a
    // plain polyglot call, not an enter and a leave of the context (measured: docs/components.md).
    context.enter();
    try {
      return invoke(f, name, args);
    } finally {
      try {
        context.leave();
      } catch (IllegalStateException closed) {
        // The watchdog closed the context during the call: the call's own failure is reported.
      }
    }
  }

  private Object invoke(Lifted f, String name, List<?> args) {
    CanonicalAbi abi =
        new CanonicalAbi(
            state,
            f.memory() == null ? null : new GraalMemory(f.memory(), copiers.of(f.memory())),
            f.realloc() == null ? null : GraalMemory.realloc(f.realloc()),
            f.encoding(),
            layouts,
            maxTransferBytes);
    try {
      List<Object> flat =
          abi.lowerValues(args, f.sig().paramTypes(), Layouts.MAX_FLAT_PARAMS, null);
      Value result = f.core().execute(flat.toArray());
      List<Object> core = new ArrayList<>();
      if (f.sig().result() != null) {
        List<CoreValType> types = layouts.flattenAll(f.sig().resultTypes(), 1);
        core.add(coreValue(result, types.size() > 1 ? CoreValType.I32 : types.getFirst()));
      }
      List<Object> lifted =
          abi.liftValues(
              new CanonicalAbi.FlatReader(core), f.sig().resultTypes(), Layouts.MAX_FLAT_RESULTS);
      if (f.postReturn() != null) {
        f.postReturn().execute(core.toArray());
      }
      state.finishCall();
      return lifted.isEmpty() ? null : lifted.getFirst();
    } catch (PolyglotException e) {
      if (e.isCancelled() || e.isExit() || e.isInterrupted() || e.isResourceExhausted()) {
        throw e;
      }
      if (e.isHostException() && e.asHostException() instanceof MosaicException m) {
        throw m;
      }
      if (e.isHostException() && e.asHostException() instanceof RuntimeException r) {
        // A deadline or exit raised by a host function of an import: the host reports it.
        throw r;
      }
      throw new MosaicException(
          Diagnostic.of("E9001", "component trapped in `" + name + "`: " + e.getMessage()));
    } catch (ClassCastException | UnsupportedOperationException | IllegalArgumentException e) {
      // The reader does not type core modules: a lifted function whose core function takes or
      // returns other core types than its component type flattens to shows up here.
      throw new MosaicException(
          Diagnostic.of(
              "E9001",
              "component function `"
                  + name
                  + "` does not match its core function: "
                  + String.valueOf(e.getMessage())));
    } finally {
      abi.finish();
    }
  }

  private static Object coreValue(Value v, CoreValType type) {
    boolean fits =
        !v.isNull()
            && switch (type) {
              case I64 -> v.fitsInLong();
              case F32 -> v.fitsInFloat();
              case F64 -> v.fitsInDouble();
              default -> v.fitsInInt();
            };
    if (!fits) {
      throw CanonicalAbi.trap(
          "the core function returned `" + v + "` where an " + type + " belongs");
    }
    return switch (type) {
      case I64 -> v.asLong();
      case F32 -> v.asFloat();
      case F64 -> v.asDouble();
      default -> v.asInt();
    };
  }

  @Override
  public void close() {
    if (ownsContext) {
      context.close(true);
    }
  }

  /** Builds the runtime items while {@link WorldReader} walks and checks the component. */
  private static final class Builder implements WorldReader.Runtime {
    private final Context context;
    private final ComponentState state;
    private final ComponentLinker linker;
    private final long maxTransferBytes;
    private final Layouts layouts = new Layouts();
    private final Map<Definition.CoreModule, Value> modules = new IdentityHashMap<>();
    private final Map<Value, String> starts = new IdentityHashMap<>();
    private final MemoryCopier.PerMemory copiers;
    private int coreInstances;

    Builder(Context context, ComponentState state, ComponentLinker linker, long maxTransferBytes) {
      this.context = context;
      this.copiers = new MemoryCopier.PerMemory(context);
      this.state = state;
      this.linker = linker;
      this.maxTransferBytes = maxTransferBytes;
    }

    @Override
    public void enter(WorldReader.Scope outer, WorldReader.Scope inner, Definition.Instantiate i) {
      Space o = (Space) outer.runtime;
      Map<String, Object> args = new HashMap<>();
      for (Definition.Arg a : i.args()) {
        args.put(a.name(), item(o, a.item()));
      }
      inner.runtime = new Space(args);
    }

    @Override
    public void leave(WorldReader.Scope outer, WorldReader.Scope inner) {
      ((Space) outer.runtime).instantiated = ((Space) inner.runtime).exports;
    }

    @Override
    public void define(WorldReader.Scope scope, Definition d) {
      Space s = (Space) scope.runtime;
      switch (d) {
        case Definition.Custom c -> {}
        case Definition.CoreTypeDef t -> {}
        case Definition.TypeDef t -> {
          if (t.type() instanceof DefType.Resource r
              && scope.types.getLast() instanceof WorldReader.ResourceEntry e) {
            Destructor dtor = null;
            if (r.destructor() != null) {
              Object f = s.coreFuncs.get(r.destructor());
              ResourceType type = e.resource();
              dtor = rep -> linker.outsideCall("[resource-drop]" + type, () -> execute(f, rep));
            }
            state.implement(e.resource(), dtor);
          }
        }
        case Definition.CoreModule m ->
            s.coreModules.add(
                modules.computeIfAbsent(
                    m,
                    k -> {
                      ComponentLinker.CoreModule prepared = linker.prepare(k);
                      Value module = context.eval(source(prepared.bytes()));
                      if (prepared.startExport() != null) {
                        starts.put(module, prepared.startExport());
                      }
                      return module;
                    }));
        case Definition.CoreInstantiate ci -> {
          if (++coreInstances > MAX_CORE_INSTANCES) {
            throw new MosaicException(
                ComponentCodes.LIMIT,
                "component instantiates more than " + MAX_CORE_INSTANCES + " core modules");
          }
          Map<String, Object> imports = new LinkedHashMap<>();
          for (Definition.CoreArg a : ci.args()) {
            imports.put(a.name(), ProxyObject.fromMap(s.coreInstances.get(a.instance())));
          }
          Value module = s.coreModules.get(ci.module());
          Value instance = module.newInstance(ProxyObject.fromMap(imports));
          Value exports = instance.getMember("exports");
          String start = starts.get(module);
          Map<String, Object> members = new LinkedHashMap<>();
          for (String key : exports.getMemberKeys()) {
            if (!key.equals(start)) {
              members.put(key, exports.getMember(key));
            }
          }
          if (start != null) {
            // The module's start function, moved out of the engine's instantiation: it runs now,
            // before anything else can use the instance, under the caller's deadline.
            exports.getMember(start).executeVoid();
          }
          s.coreInstances.add(members);
        }
        case Definition.CoreInlineInstance ci -> {
          Map<String, Object> members = new LinkedHashMap<>();
          for (Definition.CoreInlineExport e : ci.exports()) {
            members.put(e.name(), core(s, e.item()));
          }
          s.coreInstances.add(members);
        }
        case Definition.AliasDef a -> alias(s, a);
        case Definition.CanonLift l -> {
          CanonOptions o = l.options();
          s.funcs.add(
              new Lifted(
                  (Value) s.coreFuncs.get(l.coreFunc()),
                  scope.funcs.getLast(),
                  o.memory() < 0 ? null : (Value) s.coreMemories.get(o.memory()),
                  o.realloc() < 0 ? null : (Value) s.coreFuncs.get(o.realloc()),
                  o.postReturn() < 0 ? null : (Value) s.coreFuncs.get(o.postReturn()),
                  o.encoding()));
        }
        case Definition.CanonLower l -> {
          Object target = s.funcs.get(l.func());
          if (!(target instanceof ComponentFunction f)) {
            throw unsupported("lowering a function that is neither imported nor lifted");
          }
          CanonOptions o = l.options();
          s.coreFuncs.add(
              context.asValue(
                  lowered(
                      f,
                      scope.funcs.get(l.func()),
                      o.memory() < 0 ? null : (Value) s.coreMemories.get(o.memory()),
                      o.realloc() < 0 ? null : (Value) s.coreFuncs.get(o.realloc()),
                      o.encoding())));
        }
        case Definition.CanonResource r -> {
          WorldReader.ResourceEntry e = (WorldReader.ResourceEntry) scope.types.get(r.type());
          ResourceType type = e.resource();
          s.coreFuncs.add(
              context.asValue(
                  (ProxyExecutable)
                      args ->
                          switch (r.op()) {
                            case NEW -> state.resourceNew(type, args[0].asInt());
                            case REP -> state.resourceRep(type, args[0].asInt());
                            case DROP -> {
                              state.resourceDrop(type, args[0].asInt());
                              yield null;
                            }
                          }));
        }
        case Definition.NestedComponent n -> {}
        case Definition.Instantiate i -> {
          s.instances.add(s.instantiated);
          s.instantiated = null;
        }
        case Definition.InlineInstance i -> {
          Map<String, Object> members = new LinkedHashMap<>();
          for (Definition.InlineExport e : i.exports()) {
            members.put(e.name().text(), item(s, e.item()));
          }
          s.instances.add(members);
        }
        case Definition.Start st -> throw unsupported("start functions");
        case Definition.Import im -> {
          if (s.args != null) {
            add(s, im.sort(), s.args.get(im.name().text()));
          } else {
            add(s, im.sort(), resolve(scope.imports.getLast()));
          }
        }
        case Definition.Export ex -> {
          Object item = item(s, ex.item());
          add(s, ex.sort(), item);
          s.exports.put(ex.name().text(), item);
        }
      }
    }

    /** What the host gives for one of the top-level component's imports. */
    private Object resolve(Item.Named imported) {
      String name = imported.name().text();
      switch (imported.item()) {
        case Item.ResourceItem r -> {
          return "type";
        }
        case Item.ValueTypeItem t -> {
          return "type";
        }
        case Item.InstanceItem i -> {}
        case Item.FuncItem f -> {}
        default -> throw unsupported("importing a component or core module (`" + name + "`)");
      }
      Object given = linker.resolve(imported.name(), imported.item());
      if (given == null) {
        throw new MosaicException(
            Diagnostic.of(
                    ComponentCodes.UNKNOWN_IMPORT,
                    "the component imports `"
                        + name
                        + "`, which is neither a host interface nor bound to another component")
                .withHelp(
                    "bind the import to a component that exports `"
                        + name
                        + "`, or use a host interface docs/components.md lists"));
      }
      if (imported.item() instanceof Item.InstanceItem type && given instanceof Map<?, ?> m) {
        for (Map.Entry<String, Item> e : type.exports().entrySet()) {
          if (e.getValue() instanceof Item.ResourceItem r
              && m.get(e.getKey()) instanceof Destructor d) {
            // A resource the host implements, with what dropping an owning handle does.
            state.destructor(r.resource(), d);
          }
          if (e.getValue() instanceof Item.FuncItem
              && !(m.get(e.getKey()) instanceof ComponentFunction)) {
            throw new MosaicException(
                Diagnostic.of(
                    ComponentCodes.UNKNOWN_IMPORT,
                    "the component imports function `"
                        + e.getKey()
                        + "` of `"
                        + name
                        + "`, which the host interface does not provide"));
          }
        }
      }
      return given;
    }

    /**
     * The core function of a {@code canon lower}: lifts the core arguments from the caller's
     * memory, calls the function (host or another instance: no memory is shared) and lowers its
     * result into the caller's memory, with the caller's realloc and string encoding.
     */
    private ProxyExecutable lowered(
        ComponentFunction f, FuncSig sig, Value memory, Value realloc, StringEncoding encoding) {
      List<CoreValType> params = layouts.flattenAll(sig.paramTypes(), Layouts.MAX_FLAT_PARAMS);
      List<CoreValType> paramTypes =
          params.size() > Layouts.MAX_FLAT_PARAMS ? List.of(CoreValType.I32) : params;
      boolean resultInMemory =
          layouts.flatCount(sig.resultTypes(), Layouts.MAX_FLAT_RESULTS) > Layouts.MAX_FLAT_RESULTS;
      return args -> {
        if (args.length != paramTypes.size() + (resultInMemory ? 1 : 0)) {
          throw CanonicalAbi.trap("a lowered function got " + args.length + " core arguments");
        }
        CanonicalAbi abi =
            new CanonicalAbi(
                state,
                memory == null ? null : new GraalMemory(memory, copiers.of(memory)),
                realloc == null ? null : GraalMemory.realloc(realloc),
                encoding,
                layouts,
                maxTransferBytes);
        try {
          List<Object> core = new ArrayList<>(paramTypes.size());
          for (int i = 0; i < paramTypes.size(); i++) {
            core.add(coreValue(args[i], paramTypes.get(i)));
          }
          List<Object> values =
              abi.liftValues(
                  new CanonicalAbi.FlatReader(core), sig.paramTypes(), Layouts.MAX_FLAT_PARAMS);
          Object result = f.call(values);
          if (sig.result() == null) {
            return null;
          }
          if (resultInMemory) {
            long out = Integer.toUnsignedLong(args[paramTypes.size()].asInt());
            abi.lowerValues(
                java.util.Collections.singletonList(result),
                sig.resultTypes(),
                Layouts.MAX_FLAT_RESULTS,
                out);
            return null;
          }
          return abi.lowerValues(
                  java.util.Collections.singletonList(result),
                  sig.resultTypes(),
                  Layouts.MAX_FLAT_RESULTS,
                  null)
              .getFirst();
        } finally {
          abi.finish();
        }
      };
    }

    private void alias(Space s, Definition.AliasDef a) {
      switch (a.target()) {
        case Alias.CoreInstanceExport e -> {
          Object item = s.coreInstances.get(e.coreInstance()).get(e.name());
          if (item == null) {
            throw new MosaicException(
                ComponentCodes.INVALID,
                "invalid component: core instance "
                    + e.coreInstance()
                    + " has no export `"
                    + e.name()
                    + "`");
          }
          Value v = (Value) item;
          boolean fits =
              switch (a.sort()) {
                case CORE_FUNC -> v.canExecute();
                case CORE_MEMORY -> v.hasBufferElements();
                default -> true;
              };
          if (!fits) {
            throw new MosaicException(
                ComponentCodes.INVALID,
                "invalid component: export `"
                    + e.name()
                    + "` of core instance "
                    + e.coreInstance()
                    + " is not a "
                    + a.sort());
          }
          switch (a.sort()) {
            case CORE_FUNC -> s.coreFuncs.add(item);
            case CORE_TABLE -> s.coreTables.add(item);
            case CORE_MEMORY -> s.coreMemories.add(item);
            case CORE_GLOBAL -> s.coreGlobals.add(item);
            default -> throw unsupported("aliases of core " + a.sort() + " exports");
          }
        }
        case Alias.InstanceExport e ->
            add(s, a.sort(), s.instances.get(e.instance()).get(e.name()));
        case Alias.Outer o -> {
          if (a.sort() == Sort.CORE_MODULE || a.sort() == Sort.COMPONENT) {
            throw unsupported("outer aliases of modules and components at run time");
          }
        }
      }
    }

    @SuppressWarnings("unchecked")
    private static void add(Space s, Sort sort, Object item) {
      switch (sort) {
        case FUNC -> s.funcs.add(item);
        case INSTANCE -> s.instances.add((Map<String, Object>) item);
        case TYPE -> {}
        default -> throw unsupported("passing a " + sort + " between components");
      }
    }

    private static Object item(Space s, Definition.SortIndex i) {
      return switch (i.sort()) {
        case FUNC -> s.funcs.get(i.index());
        case INSTANCE -> s.instances.get(i.index());
        case TYPE -> "type";
        default -> throw unsupported("passing a " + i.sort() + " between components");
      };
    }

    private static Object core(Space s, Definition.SortIndex i) {
      return switch (i.sort()) {
        case CORE_FUNC -> s.coreFuncs.get(i.index());
        case CORE_TABLE -> s.coreTables.get(i.index());
        case CORE_MEMORY -> s.coreMemories.get(i.index());
        case CORE_GLOBAL -> s.coreGlobals.get(i.index());
        default -> throw unsupported("core instances exporting a " + i.sort());
      };
    }

    private static void execute(Object f, int rep) {
      ((Value) f).execute(rep);
    }

    private static MosaicException unsupported(String what) {
      return new MosaicException(
          ComponentCodes.UNSUPPORTED, "component uses " + what + ", which Mosaic cannot run yet");
    }
  }
}
