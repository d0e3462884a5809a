package dev.mosaic.host.internal;

import dev.mosaic.host.HostCodes;
import dev.mosaic.host.abi.AbiDeclarations;
import dev.mosaic.plan.Component;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.diag.Diagnostic;
import dev.mosaic.plan.wasm.WasmInterface;

/**
 * What the host learns from a module before running it: its memory limits, its tables, its imports
 * and exports and its ABI declarations. Read with {@link WasmInterface}'s bounded reader, the one
 * the plan validator uses: no count a module claims is allocated before it is checked against the
 * module's size.
 *
 * @param initialPages pages the module's memory starts with (0 without a memory)
 * @param declaredMaxPages the declared maximum, or -1 when there is none
 * @param hasMemory whether the module defines a memory
 * @param abi its {@code mosaic.abi} declarations
 * @param shape its imports, exports and tables, read as the plan validator reads them
 * @param startExport the export the host moves the module's start function to ({@link
 *     StartFunction}), or {@code null} when it has none; read once per module, not per
 *     instantiation
 */
public record PreparedModule(
    int initialPages,
    int declaredMaxPages,
    boolean hasMemory,
    AbiDeclarations abi,
    WasmInterface shape,
    String startExport) {
  /** Bytes in one wasm page. */
  public static final long PAGE = 65_536;

  /** Pages a 32-bit memory can address (4 GiB). */
  private static final long MAX_PAGES = 65_536;

  /**
   * Inspects a component's module.
   *
   * @throws MosaicException E4201 for a module that cannot be read, E9003 for a shared, imported,
   *     64-bit or multiple memory, E9007 for bad ABI declarations
   */
  public static PreparedModule inspect(Component c, byte[] bytes) {
    String what = "component `" + c.id() + "`";
    WasmInterface shape = WasmInterface.read(what, bytes);
    for (String other : shape.otherImports()) {
      if (other.startsWith("memory ")) {
        throw memory(c, "imports a memory; each component must define its own");
      }
    }
    int initial = 0;
    int max = -1;
    boolean has = false;
    if (!shape.memories().isEmpty()) {
      if (shape.memories().size() > 1) {
        throw memory(c, "defines more than one memory");
      }
      WasmInterface.MemoryLimits limits = shape.memories().getFirst();
      if (limits.shared()) {
        throw memory(c, "defines a shared memory");
      }
      if (limits.wide() || limits.initial() > MAX_PAGES || limits.initial() < 0) {
        throw memory(c, "defines a 64-bit memory or one larger than 4 GiB");
      }
      has = true;
      initial = (int) limits.initial();
      max = limits.max() < 0 || limits.max() >= MAX_PAGES ? -1 : (int) limits.max();
    }
    AbiDeclarations abi = AbiDeclarations.none();
    byte[] section = WasmInterface.customSection(what, bytes, AbiDeclarations.SECTION);
    if (section != null) {
      abi = AbiDeclarations.parse(c.id(), section, c.exports());
    }
    return new PreparedModule(initial, max, has, abi, shape, StartFunction.export(bytes));
  }

  private static MosaicException memory(Component c, String what) {
    return new MosaicException(
        Diagnostic.of(HostCodes.MEMORY, "component `" + c.id() + "` " + what)
            .withHelp("export a memory defined in the module itself; see docs/guest-abi.md"));
  }
}
