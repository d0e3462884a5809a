package dev.mosaic.host.component;

/**
 * What a component instance gets from its host: the instances and functions it imports, and the
 * rules its core modules run under (memory and table caps, the start function moved out).
 */
public interface ComponentLinker {
  /** A core module as the host runs it. */
  record CoreModule(byte[] bytes, String startExport) {}

  /** A linker for components that import nothing: core modules run as they are. */
  ComponentLinker NONE =
      new ComponentLinker() {
        @Override
        public Object resolve(ExternName name, Item type) {
          return null;
        }

        @Override
        public CoreModule prepare(Definition.CoreModule module) {
          return new CoreModule(module.bytes(), null);
        }
      };

  /**
   * What the component's import {@code name} of type {@code type} is given: for an instance, a map
   * from export name to {@link ComponentFunction} (resource types need no entry); for a function, a
   * {@link ComponentFunction}; {@code null} when the host has nothing for it.
   */
  Object resolve(ExternName name, Item type);

  /**
   * The bytes a core module of the component runs as, and the export its start function was moved
   * to (called right after the module is instantiated), or null when it has none.
   */
  CoreModule prepare(Definition.CoreModule module);

  /**
   * Runs guest code that the host enters on its own rather than within a call: the destructor of a
   * resource the host drops ({@link ResourceValue#drop()}), named {@code [resource-drop]NAME}. It
   * also runs the destructor a guest's own {@code resource.drop} reaches within a call. A host that
   * limits its guests runs the first as a call of its own (rate, deadline, failures); by default
   * the code runs as it is.
   */
  default void outsideCall(String name, Runnable guestCode) {
    guestCode.run();
  }
}
