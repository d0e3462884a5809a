package dev.mosaic.host.component;

/** Where an alias points: an export of an instance or core instance, or an enclosing scope. */
public sealed interface Alias {
  record InstanceExport(int instance, String name) implements Alias {}

  record CoreInstanceExport(int coreInstance, String name) implements Alias {}

  /** Definition {@code index} of the scope {@code count} levels out (0 is the current scope). */
  record Outer(int count, int index) implements Alias {}
}
