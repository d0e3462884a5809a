/**
 * The plan format and everything that reads, checks and stores it. The format records, the
 * validator, the diagnostics, the blob stores, the verifier interface and the audit events are API;
 * the codec, the validator, the shared rules and the wasm interface reader are exported only to the
 * modules of this project that run them.
 */
module dev.mosaic.plan {
  requires transitive com.fasterxml.jackson.core;
  requires com.fasterxml.jackson.dataformat.cbor;

  exports dev.mosaic.plan;
  exports dev.mosaic.plan.audit;
  exports dev.mosaic.plan.diag;
  exports dev.mosaic.plan.store;
  exports dev.mosaic.plan.verify;
  exports dev.mosaic.plan.codec to
      dev.mosaic.hsm,
      dev.mosaic.host,
      dev.mosaic.interpreter,
      dev.mosaic.cli;
  exports dev.mosaic.plan.io to
      dev.mosaic.hsm,
      dev.mosaic.host,
      dev.mosaic.interpreter,
      dev.mosaic.cli;
  exports dev.mosaic.plan.rules to
      dev.mosaic.hsm,
      dev.mosaic.host,
      dev.mosaic.interpreter,
      dev.mosaic.cli;
  exports dev.mosaic.plan.wasm to
      dev.mosaic.host,
      dev.mosaic.interpreter,
      dev.mosaic.cli;
}
