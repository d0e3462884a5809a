package dev.mosaic.host;

import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.CustomSection;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.MemoryImport;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.UnknownCustomSection;
import dev.mosaic.plan.Component;
import dev.mosaic.plan.Diagnostic;
import dev.mosaic.plan.MosaicException;

/**
 * What the host learns from a module before running it (with Chicory's parser): its memory limits
 * and its ABI declarations.
 *
 * @param initialPages pages the module's memory starts with (0 without a memory)
 * @param declaredMaxPages the declared maximum, or -1 when there is none
 * @param hasMemory whether the module defines a memory
 * @param abi its {@code mosaic.abi} declarations
 */
record PreparedModule(
    int initialPages, int declaredMaxPages, boolean hasMemory, AbiDeclarations abi) {
  /** Bytes in one wasm page. */
  static final long PAGE = 65_536;

  /**
   * Inspects a component's module.
   *
   * @throws MosaicException E9003 for a shared, imported or multiple memory, E9007 for bad ABI
   *     declarations
   */
  static PreparedModule inspect(Component c, byte[] bytes) {
    ModuleInspector.refuseComponent(c.id(), bytes);
    WasmModule module;
    try {
      module = Parser.parse(bytes);
    } catch (RuntimeException e) {
      throw new MosaicException(
          HostCodes.LINK, "component `" + c.id() + "` is not a valid wasm module");
    }
    for (int i = 0; i < module.importSection().importCount(); i++) {
      Import imp = module.importSection().getImport(i);
      if (imp instanceof MemoryImport) {
        throw memory(c, "imports a memory; each component must define its own");
      }
    }
    int initial = 0;
    int max = -1;
    boolean has = false;
    if (module.memorySection().isPresent() && module.memorySection().get().memoryCount() > 0) {
      if (module.memorySection().get().memoryCount() > 1) {
        throw memory(c, "defines more than one memory");
      }
      MemoryLimits limits = module.memorySection().get().getMemory(0).limits();
      if (limits.shared()) {
        throw memory(c, "defines a shared memory");
      }
      has = true;
      initial = limits.initialPages();
      max = limits.maximumPages() >= MemoryLimits.MAX_PAGES ? -1 : limits.maximumPages();
    }
    AbiDeclarations abi = AbiDeclarations.none();
    for (CustomSection s : module.customSections()) {
      if (s instanceof UnknownCustomSection u && AbiDeclarations.SECTION.equals(u.name())) {
        abi = AbiDeclarations.parse(c.id(), u.bytes(), c.exports());
      }
    }
    return new PreparedModule(initial, max, has, abi);
  }

  private static MosaicException memory(Component c, String what) {
    return new MosaicException(
        Diagnostic.of(HostCodes.MEMORY, "component `" + c.id() + "` " + what)
            .withHelp("export a memory defined in the module itself; see docs/guest-abi.md"));
  }
}
