/**
 * The WebAssembly host: runs a validated plan's components on GraalWasm under the plan's limits and
 * grants. {@code WasmHost}, {@code Composition}, {@code HostLimits}, the key-value stores, the
 * guest ABI kinds and the audit log are API; capabilities, file roots, HTTP, the component-model
 * machinery and the module rewriters are internal.
 */
module dev.mosaic.host {
  requires transitive dev.mosaic.plan;
  requires transitive dev.mosaic.hsm;
  requires transitive org.graalvm.polyglot;
  requires transitive micrometer.core;
  requires com.fasterxml.jackson.core;

  exports dev.mosaic.host;
  exports dev.mosaic.host.abi;
  exports dev.mosaic.host.audit;
  exports dev.mosaic.host.component;
  exports dev.mosaic.host.component.abi to
      dev.mosaic.interpreter,
      dev.mosaic.cli;
  exports dev.mosaic.host.component.binary to
      dev.mosaic.interpreter,
      dev.mosaic.cli;
  exports dev.mosaic.host.internal to
      dev.mosaic.interpreter;
}
