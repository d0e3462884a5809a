package dev.mosaic.host.component;

/** The kinds of definitions a component has an index space for, core and component level. */
public enum Sort {
  CORE_FUNC("core func"),
  CORE_TABLE("core table"),
  CORE_MEMORY("core memory"),
  CORE_GLOBAL("core global"),
  CORE_TAG("core tag"),
  CORE_TYPE("core type"),
  CORE_MODULE("core module"),
  CORE_INSTANCE("core instance"),
  FUNC("func"),
  VALUE("value"),
  TYPE("type"),
  COMPONENT("component"),
  INSTANCE("instance");

  private final String text;

  Sort(String text) {
    this.text = text;
  }

  public boolean isCore() {
    return ordinal() <= CORE_INSTANCE.ordinal();
  }

  @Override
  public String toString() {
    return text;
  }
}
