package dev.mosaic.host.component;

import java.util.List;

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

  /** The export of that name, or null. */
  public Item export(String name) {
    return exports.stream()
        .filter(n -> n.name().text().equals(name))
        .map(Item.Named::item)
        .findFirst()
        .orElse(null);
  }
}
