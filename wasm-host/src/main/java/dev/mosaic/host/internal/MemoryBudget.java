package dev.mosaic.host.internal;

import dev.mosaic.host.HostCodes;
import dev.mosaic.host.HostLimits;
import dev.mosaic.host.Tenant;
import dev.mosaic.plan.Component;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.ValidatedPlan;
import dev.mosaic.plan.diag.Diagnostic;
import dev.mosaic.plan.wasm.WasmInterface;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A composition's memory and table budget, decided before anything is instantiated: each module's
 * interface checked against the plan again, page caps per memory within the tenant's {@code
 * max-memory} and the host's per-module cap, element caps per table, and the totals the tenant
 * reserves for the composition.
 */
public final class MemoryBudget {
  private MemoryBudget() {}

  /**
   * Page caps per component with a memory: each module may grow to its declared maximum, the host's
   * per-module cap, and an even share of what the tenant's memory limit leaves, whichever is
   * smallest (modules that need less leave their share to the others).
   */
  public static Map<String, Integer> memoryCaps(
      ValidatedPlan plan,
      Tenant tenant,
      List<Component> order,
      Map<String, PreparedModule> prepared,
      Map<String, ComponentModules> componentModules,
      HostLimits limits) {
    long hostCap = limits.maxModuleMemoryBytes() / PreparedModule.PAGE;
    long budget = plan.plan().limits().maxMemoryBytes() / PreparedModule.PAGE;
    // Each memory: its key (a component, or an inner module of a component), name, initial pages
    // and declared maximum (-1 for none). The inner memories of a component share the budget too.
    record Sized(String key, String name, long initial, long declaredMax) {}
    List<Sized> withMemory = new ArrayList<>();
    for (Component c : order) {
      PreparedModule m = prepared.get(c.id());
      if (m.hasMemory()) {
        withMemory.add(
            new Sized(
                c.id(), "component `" + c.id() + "`", m.initialPages(), m.declaredMaxPages()));
      }
    }
    for (ComponentModules cm : componentModules.values()) {
      for (int i = 0; i < cm.count(); i++) {
        for (WasmInterface.MemoryLimits l : cm.shape(i).memories()) {
          long max = l.max() < 0 || l.max() >= 65_536 ? -1 : l.max();
          withMemory.add(new Sized(cm.key(i), "`" + cm.key(i) + "`", l.initial(), max));
        }
      }
    }
    long initial = 0;
    for (Sized m : withMemory) {
      if (m.initial() > hostCap) {
        throw new MosaicException(
            Diagnostic.of(
                    HostCodes.MEMORY,
                    m.name()
                        + " declares "
                        + m.initial()
                        + " pages of memory, over the host's limit of "
                        + hostCap)
                .withHelp("declare a smaller initial memory in the module"));
      }
      initial += m.initial();
    }
    if (initial > budget) {
      throw new MosaicException(
          Diagnostic.of(
                  HostCodes.MEMORY,
                  "the modules of plan `"
                      + plan.digest()
                      + "` start with "
                      + initial
                      + " pages of memory, over tenant `"
                      + tenant.id
                      + "`'s `max-memory` of "
                      + budget
                      + " pages")
              .withHelp("declare smaller initial memories, or raise `max-memory`"));
    }
    withMemory.sort(
        Comparator.comparingLong(
            m -> m.declaredMax() < 0 ? hostCap : Math.min(m.declaredMax(), hostCap)));
    Map<String, Integer> caps = new LinkedHashMap<>();
    long left = budget;
    for (int i = 0; i < withMemory.size(); i++) {
      Sized m = withMemory.get(i);
      long share = left / (withMemory.size() - i);
      long ceiling = m.declaredMax() < 0 ? hostCap : Math.min(m.declaredMax(), hostCap);
      long cap = Math.max(m.initial(), Math.min(ceiling, share));
      caps.put(m.key(), (int) cap);
      left = Math.max(0, left - cap);
    }
    return caps;
  }

  /**
   * Element caps for each table of each component: a module's tables together may hold the host's
   * per-module number of elements; each table may grow to its declared maximum or an even share of
   * what its module's cap leaves, whichever is smaller (as for memory). A module with more tables
   * than the host allows, or whose tables start over the cap, is refused before it runs.
   */
  public static Map<String, long[]> tableCaps(
      List<Component> order, Map<String, PreparedModule> prepared, HostLimits limits) {
    // A table maximum is a u32 in the binary.
    long moduleCap = Math.min(limits.maxModuleTableElements(), 0xFFFF_FFFFL);
    Map<String, long[]> caps = new HashMap<>();
    for (Component c : order) {
      List<WasmInterface.TableLimits> tables = prepared.get(c.id()).shape().tables();
      if (tables.size() > limits.maxTablesPerModule()) {
        throw tables(
            c,
            "defines "
                + tables.size()
                + " tables, over the host's limit of "
                + limits.maxTablesPerModule());
      }
      long initial = prepared.get(c.id()).shape().initialTableElements();
      if (initial > moduleCap) {
        throw tables(
            c,
            "starts with "
                + initial
                + " table elements, over the host's limit of "
                + moduleCap
                + " per module");
      }
      Integer[] byCeiling = new Integer[tables.size()];
      for (int i = 0; i < byCeiling.length; i++) {
        byCeiling[i] = i;
      }
      Arrays.sort(byCeiling, Comparator.comparingLong(i -> tableCeiling(tables.get(i), moduleCap)));
      long[] cap = new long[tables.size()];
      long left = moduleCap - initial;
      for (int k = 0; k < byCeiling.length; k++) {
        WasmInterface.TableLimits t = tables.get(byCeiling[k]);
        long room =
            Math.min(tableCeiling(t, moduleCap) - t.initial(), left / (byCeiling.length - k));
        cap[byCeiling[k]] = t.initial() + room;
        left -= room;
      }
      caps.put(c.id(), cap);
    }
    return caps;
  }

  private static long tableCeiling(WasmInterface.TableLimits t, long moduleCap) {
    return t.max() < 0 ? moduleCap : Math.min(t.max(), moduleCap);
  }

  private static MosaicException tables(Component c, String what) {
    return new MosaicException(
        Diagnostic.of(HostCodes.TABLES, "component `" + c.id() + "` " + what)
            .withHelp("declare fewer or smaller tables, or raise the host's table limits"));
  }

  /**
   * The validator compared each module with the plan; the host checks again, so no plan reaches the
   * engine with imports or exports its module does not have.
   */
  public static void checkInterfaces(List<Component> order, Map<String, PreparedModule> prepared) {
    List<Diagnostic> mismatches = new ArrayList<>();
    for (Component c : order) {
      mismatches.addAll(prepared.get(c.id()).shape().mismatches(c));
    }
    if (!mismatches.isEmpty()) {
      throw new MosaicException(mismatches);
    }
  }

  private static long ceiling(PreparedModule m, long hostCap) {
    return m.declaredMaxPages() < 0 ? hostCap : Math.min(m.declaredMaxPages(), hostCap);
  }

  /** The bytes of memory the page caps reserve from the tenant. */
  public static long reservedBytes(Map<String, Integer> caps) {
    long reserve = 0;
    for (int pages : caps.values()) {
      reserve += pages * PreparedModule.PAGE;
    }
    return reserve;
  }

  /** The table elements the element caps reserve from the tenant. */
  public static long reservedTableElements(Map<String, long[]> tableCaps) {
    long tableReserve = 0;
    for (long[] perTable : tableCaps.values()) {
      for (long elements : perTable) {
        tableReserve += elements;
      }
    }
    return tableReserve;
  }
}
