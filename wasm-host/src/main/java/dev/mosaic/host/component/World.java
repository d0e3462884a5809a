package dev.mosaic.host.component;

import dev.mosaic.host.component.abi.Layouts;
import dev.mosaic.plan.FuncType;
import dev.mosaic.plan.FunctionDecl;
import dev.mosaic.plan.WitWorld;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a component imports and exports, with every type resolved: the component's world in WIT
 * terms. Imports are what the component asks of its host (its capability requests); exports are
 * what it offers.
 */
public record World(List<Item.Named> imports, List<Item.Named> exports) {
  public World {
    imports = List.copyOf(imports);
    exports = List.copyOf(exports);
  }

  /**
   * The plan's {@code wit} of this world: its imported and exported functions as {@code
   * Composition.call} names them ({@code run}, {@code mosaic:calc/ops@0.1.0#add}), in order.
   */
  public WitWorld planWit() {
    return new WitWorld(
        List.copyOf(functions(imports).keySet()), List.copyOf(functions(exports).keySet()));
  }

  /**
   * The plan's {@code exports} of this world: one per exported function, module {@code ""}, typed
   * by the core signature of its {@code canon lift} (the flat parameters, or one {@code i32}
   * pointer past 16; the flat result, or an {@code i32} return pointer).
   */
  public List<FunctionDecl> planExports() {
    Layouts layouts = new Layouts();
    List<FunctionDecl> out = new ArrayList<>();
    functions(exports)
        .forEach((name, sig) -> out.add(new FunctionDecl("", name, core(layouts, sig))));
    return out;
  }

  /**
   * Functions of a world's items: world-level by name, those of interfaces (named {@code
   * ns:pkg/iface@v}, or inline ones named by a plain name) as {@code iface#f}.
   */
  public static Map<String, FuncSig> functions(List<Item.Named> items) {
    Map<String, FuncSig> out = new LinkedHashMap<>();
    for (Item.Named n : items) {
      switch (n.item()) {
        case Item.FuncItem f -> out.put(n.name().text(), f.type());
        case Item.InstanceItem i ->
            i.exports()
                .forEach(
                    (f, item) -> {
                      if (item instanceof Item.FuncItem fn) {
                        out.put(n.name().text() + "#" + f, fn.type());
                      }
                    });
        default -> {}
      }
    }
    return out;
  }

  private static FuncType core(Layouts layouts, FuncSig sig) {
    List<CoreValType> params = layouts.flattenAll(sig.paramTypes(), Layouts.MAX_FLAT_PARAMS);
    if (params.size() > Layouts.MAX_FLAT_PARAMS) {
      params = List.of(CoreValType.I32);
    }
    List<CoreValType> results = layouts.flattenAll(sig.resultTypes(), Layouts.MAX_FLAT_RESULTS);
    if (results.size() > Layouts.MAX_FLAT_RESULTS) {
      results = List.of(CoreValType.I32);
    }
    return new FuncType(
        params.stream().map(CoreValType::toString).toList(),
        results.stream().map(CoreValType::toString).toList());
  }

  /** The export of that name, or null. */
  public Item export(String name) {
    return exports.stream()
        .filter(n -> n.name().text().equals(name))
        .map(Item.Named::item)
        .findFirst()
        .orElse(null);
  }
}
