package dev.mosaic.host.component;

import java.util.List;
import java.util.Map;

/** A resolved import or export: what a name in a component's world stands for. */
public sealed interface Item {
  record FuncItem(FuncSig type) implements Item {}

  /** A value type, exported or imported under a name (e.g. a record of an interface). */
  record ValueTypeItem(WitType type) implements Item {}

  record ResourceItem(ResourceType resource) implements Item {}

  /** An instance: the named items it exports, in order (an interface, in WIT). */
  record InstanceItem(Map<String, Item> exports) implements Item {
    public InstanceItem {
      exports = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(exports));
    }
  }

  /** A component (type): what it imports and exports. */
  record ComponentItem(List<Named> imports, List<Named> exports) implements Item {
    public ComponentItem {
      imports = List.copyOf(imports);
      exports = List.copyOf(exports);
    }
  }

  record CoreModuleItem() implements Item {}

  /** An item with the name it is imported or exported under. */
  record Named(ExternName name, Item item) {}
}
