package dev.mosaic.host.component;

import dev.mosaic.host.component.binary.ComponentReader;
import dev.mosaic.host.component.binary.WorldReader;
import java.util.List;

/**
 * A decoded component: its definitions in binary order. Read one with {@link ComponentReader};
 * resolve its imports and exports to WIT-level types with {@link WorldReader}.
 *
 * @param definitions every definition, nested components included as {@link
 *     Definition.NestedComponent}
 */
public record Component(List<Definition> definitions) {
  public Component {
    definitions = List.copyOf(definitions);
  }

  public List<Definition.Import> imports() {
    return definitions.stream()
        .filter(Definition.Import.class::isInstance)
        .map(Definition.Import.class::cast)
        .toList();
  }

  public List<Definition.Export> exports() {
    return definitions.stream()
        .filter(Definition.Export.class::isInstance)
        .map(Definition.Export.class::cast)
        .toList();
  }

  public List<Definition.CoreModule> coreModules() {
    return definitions.stream()
        .filter(Definition.CoreModule.class::isInstance)
        .map(Definition.CoreModule.class::cast)
        .toList();
  }
}
