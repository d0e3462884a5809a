package dev.mosaic.host.component;

/**
 * A resource type. Two resource types are the same only if they are the same object: each {@code
 * (resource ...)} definition and each {@code (sub resource)} import makes a fresh one.
 */
public final class ResourceType {
  private String name;

  public ResourceType(String name) {
    this.name = name;
  }

  /** The name the component imports or exports it under, e.g. {@code counter}. */
  public synchronized String name() {
    return name;
  }

  /** Names an unnamed resource when an import or export first gives it a name. */
  public synchronized void nameIfUnnamed(String newName) {
    if (name == null) {
      name = newName;
    }
  }

  @Override
  public String toString() {
    String n = name();
    return n == null ? "resource" : n;
  }
}
