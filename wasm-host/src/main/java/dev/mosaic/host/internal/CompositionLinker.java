package dev.mosaic.host.internal;

import dev.mosaic.host.HostLimits;
import dev.mosaic.host.Tenant;
import dev.mosaic.host.abi.AbiDeclarations;
import dev.mosaic.host.capability.CapabilityContext;
import dev.mosaic.host.capability.HostFunctions;
import dev.mosaic.host.capability.WasiComponentHost;
import dev.mosaic.host.capability.WasiOutput;
import dev.mosaic.host.files.WasiFiles;
import dev.mosaic.plan.Binding;
import dev.mosaic.plan.Capabilities;
import dev.mosaic.plan.Component;
import dev.mosaic.plan.ValidatedPlan;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.ByteSequence;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * Links the components of one composition: the context each module runs in (the composition's, or a
 * WASI module's own), each module's source with its memory and table caps written in, its imports
 * (granted host functions, and the exports its bindings name through {@link
 * AbiAdapters#bindingTarget}), the functions run as it is instantiated, and the instantiation of a
 * component (component model) in a context of its own. The maps it fills are the composition's.
 */
public final class CompositionLinker {
  private final ValidatedPlan plan;
  private final Tenant tenant;
  private final Engine engine;
  private final BiFunction<String, Function<String, Source>, Source> sources;
  private final Function<Guest, CapabilityContext> capabilities;
  private final Context context;
  private final Deadline deadline;
  private final Map<String, Context> wasiContexts;
  private final List<WasiOutput> wasiOutputs;
  private final Map<String, Guest> guests;
  private final Map<String, dev.mosaic.host.component.ComponentInstance> instances;

  /**
   * @param engine the tenant's engine, for the contexts of WASI modules and components
   * @param sources the tenant's cache of module sources, by key
   * @param capabilities the capability context of a guest
   * @param context the composition's context
   * @param wasiContexts filled with the context of each WASI module and component
   * @param wasiOutputs filled with the output streams of WASI modules and components
   * @param guests the composition's core modules, read when linking bindings
   * @param instances the composition's components, read when linking bindings
   */
  public CompositionLinker(
      ValidatedPlan plan,
      Tenant tenant,
      Engine engine,
      BiFunction<String, Function<String, Source>, Source> sources,
      Function<Guest, CapabilityContext> capabilities,
      Context context,
      Deadline deadline,
      Map<String, Context> wasiContexts,
      List<WasiOutput> wasiOutputs,
      Map<String, Guest> guests,
      Map<String, dev.mosaic.host.component.ComponentInstance> instances) {
    this.plan = plan;
    this.tenant = tenant;
    this.engine = engine;
    this.sources = sources;
    this.capabilities = capabilities;
    this.context = context;
    this.deadline = deadline;
    this.wasiContexts = wasiContexts;
    this.wasiOutputs = wasiOutputs;
    this.guests = guests;
    this.instances = instances;
  }

  /**
   * The context a component runs in: its own for a WASI component, with WASI's pre-opened
   * directories, file system and output streams (docs/guest-abi.md), else the composition's.
   */
  public Context contextFor(Guest guest) {
    Component c = guest.component();
    if (!WasiFiles.imports(c)) {
      return context;
    }
    CapabilityContext ctx = capabilityContext(guest);
    boolean log = plan.policy().decide(c.id(), "log", null).allowed();
    AtomicBoolean noticed = new AtomicBoolean();
    WasiOutput out = new WasiOutput(ctx, "stdout", log, noticed);
    WasiOutput err = new WasiOutput(ctx, "stderr", log, noticed);
    wasiOutputs.add(out);
    wasiOutputs.add(err);
    Context.Builder builder = Context.newBuilder("wasm").engine(engine);
    Context own = WasiFiles.configure(builder, tenant, plan, c, out, err).build();
    wasiContexts.put(c.id(), own);
    return own;
  }

  /**
   * What runs as a module is instantiated, under the instantiation's time budget: its start
   * function (moved to an export by {@link StartFunction}), then a WASI reactor's {@code
   * _initialize} (a command, which exports {@code _start}, initializes itself when it runs).
   */
  public static List<String> entries(PreparedModule m, Guest guest) {
    List<String> out = new ArrayList<>(2);
    if (m.startExport() != null) {
      out.add(m.startExport());
    }
    Value init = guest.function("_initialize");
    if (init != null && init.canExecute() && guest.function("_start") == null) {
      out.add("_initialize");
    }
    return out;
  }

  /**
   * Instantiates a plan component whose blob is a WebAssembly component, in a context of its own:
   * its imports are the instances other components export through the plan's bindings and the WASI
   * host interfaces ({@link WasiComponentHost}); its inner modules get the plan's caps.
   */
  public dev.mosaic.host.component.ComponentInstance instantiateComponent(
      Component c,
      ComponentModules cm,
      Context own,
      Map<String, Integer> caps,
      Map<String, long[]> tableCaps,
      HostLimits limits,
      OutsideCall outsideCall) {
    Guest guest = new Guest(c, AbiDeclarations.none(), limits.maxTransferBytes(), deadline);
    CapabilityContext ctx = capabilityContext(guest);
    boolean log = plan.policy().decide(c.id(), "log", null).allowed();
    AtomicBoolean noticed = new AtomicBoolean();
    WasiOutput out = new WasiOutput(ctx, "stdout", log, noticed);
    WasiOutput err = new WasiOutput(ctx, "stderr", log, noticed);
    wasiOutputs.add(out);
    wasiOutputs.add(err);
    WasiComponentHost wasi = new WasiComponentHost(ctx, out, err);
    out.onClose(wasi::close);
    dev.mosaic.host.component.ComponentLinker linker =
        new dev.mosaic.host.component.ComponentLinker() {
          @Override
          public Object resolve(
              dev.mosaic.host.component.ExternName name, dev.mosaic.host.component.Item type) {
            for (Binding b : plan.plan().bindings()) {
              // A WIT import is bound by [importer, NAME, NAME, exporter, EXPORT]
              // (plan-format.md): the validator refused any other import module.
              if (b.importer().equals(c.id())
                  && b.importModule().equals(name.text())
                  && b.importName().equals(name.text())) {
                return ComponentModules.bind(c.id(), b, instances.get(b.exporter()), type);
              }
            }
            return wasi.resolve(name, type);
          }

          @Override
          public CoreModule prepare(dev.mosaic.host.component.Definition.CoreModule module) {
            return cm.prepare(module, caps, tableCaps);
          }

          @Override
          public void outsideCall(String name, Runnable guestCode) {
            outsideCall.run(c.id(), name, guestCode);
          }
        };
    return dev.mosaic.host.component.ComponentInstance.instantiate(
        cm.binary(),
        dev.mosaic.host.component.ComponentLimits.DEFAULT,
        limits.maxTransferBytes(),
        own,
        linker,
        false);
  }

  /**
   * How the composition runs guest code of component {@code component} that the host enters outside
   * a call (see {@link dev.mosaic.host.component.ComponentLinker#outsideCall}).
   */
  @FunctionalInterface
  public interface OutsideCall {
    void run(String component, String name, Runnable guestCode);
  }

  public Source source(Component c, PreparedModule m, Integer cap, long[] tableCap) {
    String key = c.digest() + "@" + cap + "@" + Arrays.toString(tableCap);
    return sources.apply(
        key,
        k -> {
          byte[] bytes = StartFunction.move(plan.blob(c.id())).module();
          boolean memoryChanges = cap != null && cap != m.declaredMaxPages();
          boolean tablesChange = false;
          for (int i = 0; i < tableCap.length; i++) {
            tablesChange |= tableCap[i] != m.shape().tables().get(i).max();
          }
          if (memoryChanges || tablesChange) {
            bytes = MemoryCap.apply(bytes, m.initialPages(), memoryChanges ? cap : null, tableCap);
          }
          return Source.newBuilder("wasm", ByteSequence.create(bytes), c.id())
              .cached(true)
              .buildLiteral();
        });
  }

  public Map<String, Object> imports(Guest guest) {
    Component c = guest.component();
    Map<String, Object> modules = new TreeMap<>();
    CapabilityContext ctx = capabilityContext(guest);
    ProxyObject host = HostFunctions.link(ctx, c.imports());
    if (host != null) {
      modules.put(Capabilities.MODULE, host);
    }
    Map<String, Map<String, Object>> bound = new TreeMap<>();
    for (Binding b : plan.plan().bindings()) {
      if (b.importer().equals(c.id())) {
        bound
            .computeIfAbsent(b.importModule(), k -> new LinkedHashMap<>())
            .put(
                b.importName(),
                AbiAdapters.bindingTarget(
                    guest,
                    guests.get(b.exporter()),
                    b.exportName(),
                    contextOf(guest.id()) != contextOf(b.exporter())));
      }
    }
    bound.forEach((k, v) -> modules.put(k, ProxyObject.fromMap(v)));
    return modules;
  }

  private Context contextOf(String component) {
    return wasiContexts.getOrDefault(component, context);
  }

  private CapabilityContext capabilityContext(Guest guest) {
    return capabilities.apply(guest);
  }
}
