package dev.mosaic.plan;

import java.util.Objects;

/**
 * Wires one import of a component to an export of another.
 *
 * @param importer component that imports
 * @param importModule import module name in the importer
 * @param importName import field name in the importer
 * @param exporter component that exports
 * @param exportName export name in the exporter
 */
public record Binding(
    String importer, String importModule, String importName, String exporter, String exportName) {
  public Binding {
    Objects.requireNonNull(importer, "importer");
    Objects.requireNonNull(importModule, "importModule");
    Objects.requireNonNull(importName, "importName");
    Objects.requireNonNull(exporter, "exporter");
    Objects.requireNonNull(exportName, "exportName");
  }
}
