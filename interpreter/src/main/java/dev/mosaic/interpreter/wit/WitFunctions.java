package dev.mosaic.interpreter.wit;

import dev.mosaic.host.component.FuncSig;
import dev.mosaic.host.component.Item;
import dev.mosaic.host.component.Primitive;
import dev.mosaic.host.component.WitType;
import dev.mosaic.host.component.World;
import dev.mosaic.host.internal.ModuleInspector;
import dev.mosaic.plan.WitWorld;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A component's world as the compiler and the plan see it: its functions by the names {@code
 * Composition.call} takes ({@code run}, {@code mosaic:calc/ops@0.1.0#add}), their core types after
 * the canonical ABI's flattening, and structural comparison of function types for bindings.
 */
public final class WitFunctions {
  private WitFunctions() {}

  /**
   * The plan's view of a component: no core imports (its imports are WIT interfaces, in {@link
   * #witWorld}), and one export per exported function, typed by the core signature of its {@code
   * canon lift} (flattened parameters, or one pointer past 16; a flat result, or a return pointer).
   */
  public static ModuleInspector.ModuleInterface shape(World world) {
    return new ModuleInspector.ModuleInterface(List.of(), world.planExports(), Map.of());
  }

  /** The world's imported and exported functions, by name. */
  public static WitWorld witWorld(World world) {
    return world.planWit();
  }

  /**
   * Functions of a world's items: world-level by name, those of interfaces (named {@code
   * ns:pkg/iface@v}, or inline ones named by a plain name) as {@code iface#f}.
   */
  public static Map<String, FuncSig> functions(List<Item.Named> items) {
    return World.functions(items);
  }

  /** The functions an instance (an interface) exports, by name. */
  public static Map<String, FuncSig> functions(Item.InstanceItem instance) {
    Map<String, FuncSig> out = new LinkedHashMap<>();
    instance
        .exports()
        .forEach(
            (name, item) -> {
              if (item instanceof Item.FuncItem f) {
                out.put(name, f.type());
              }
            });
    return out;
  }

  /** The interface of that name in a world's imports or exports, or null. */
  public static Item.InstanceItem instance(List<Item.Named> items, String name) {
    for (Item.Named n : items) {
      if (n.name().text().equals(name) && n.item() instanceof Item.InstanceItem i) {
        return i;
      }
    }
    return null;
  }

  /** The interface names among a world's imports or exports. */
  public static List<String> interfaces(List<Item.Named> items) {
    return items.stream()
        .filter(n -> n.item() instanceof Item.InstanceItem)
        .map(n -> n.name().text())
        .toList();
  }

  /**
   * Whether two function types are the same: parameter names and types and the result, compared
   * structurally (two components never share a type object); resources by name.
   */
  public static boolean same(FuncSig a, FuncSig b) {
    if (a.params().size() != b.params().size()) {
      return false;
    }
    Map<WitType, WitType> seen = new IdentityHashMap<>();
    for (int i = 0; i < a.params().size(); i++) {
      WitType.Field x = a.params().get(i);
      WitType.Field y = b.params().get(i);
      if (!x.name().equals(y.name()) || !same(x.type(), y.type(), seen, 0)) {
        return false;
      }
    }
    return same(a.result(), b.result(), seen, 0);
  }

  private static boolean same(WitType a, WitType b, Map<WitType, WitType> seen, int depth) {
    if (a == null || b == null) {
      return a == b;
    }
    if (seen.get(a) == b) {
      return true; // shared subtrees are compared once, so a type of exponential size costs linear
    }
    if (depth > Wave.MAX_DEPTH * 2) {
      return false;
    }
    boolean same =
        switch (a) {
          case Primitive p -> p == b;
          case WitType.ListType l ->
              b instanceof WitType.ListType m && same(l.element(), m.element(), seen, depth + 1);
          case WitType.OptionType o ->
              b instanceof WitType.OptionType q && same(o.type(), q.type(), seen, depth + 1);
          case WitType.ResultType r ->
              b instanceof WitType.ResultType s
                  && same(r.ok(), s.ok(), seen, depth + 1)
                  && same(r.error(), s.error(), seen, depth + 1);
          case WitType.TupleType t -> {
            if (!(b instanceof WitType.TupleType u) || t.types().size() != u.types().size()) {
              yield false;
            }
            for (int i = 0; i < t.types().size(); i++) {
              if (!same(t.types().get(i), u.types().get(i), seen, depth + 1)) {
                yield false;
              }
            }
            yield true;
          }
          case WitType.RecordType r -> {
            if (!(b instanceof WitType.RecordType s) || r.fields().size() != s.fields().size()) {
              yield false;
            }
            for (int i = 0; i < r.fields().size(); i++) {
              WitType.Field x = r.fields().get(i);
              WitType.Field y = s.fields().get(i);
              if (!x.name().equals(y.name()) || !same(x.type(), y.type(), seen, depth + 1)) {
                yield false;
              }
            }
            yield true;
          }
          case WitType.VariantType v -> {
            if (!(b instanceof WitType.VariantType w) || v.cases().size() != w.cases().size()) {
              yield false;
            }
            for (int i = 0; i < v.cases().size(); i++) {
              WitType.Case x = v.cases().get(i);
              WitType.Case y = w.cases().get(i);
              if (!x.name().equals(y.name()) || !same(x.type(), y.type(), seen, depth + 1)) {
                yield false;
              }
            }
            yield true;
          }
          case WitType.EnumType e -> b instanceof WitType.EnumType f && e.names().equals(f.names());
          case WitType.FlagsType e ->
              b instanceof WitType.FlagsType f && e.names().equals(f.names());
          case WitType.OwnType o ->
              b instanceof WitType.OwnType q
                  && String.valueOf(o.resource().name())
                      .equals(String.valueOf(q.resource().name()));
          case WitType.BorrowType o ->
              b instanceof WitType.BorrowType q
                  && String.valueOf(o.resource().name())
                      .equals(String.valueOf(q.resource().name()));
        };
    if (same) {
      seen.put(a, b);
    }
    return same;
  }

  /** A function type as WIT writes it: {@code func(a: s32, b: s32) -> s32}. */
  public static String text(FuncSig sig) {
    return "func("
        + String.join(
            ", ",
            sig.params().stream().map(f -> f.name() + ": " + Wave.typeName(f.type())).toList())
        + ")"
        + (sig.result() == null ? "" : " -> " + Wave.typeName(sig.result()));
  }
}
