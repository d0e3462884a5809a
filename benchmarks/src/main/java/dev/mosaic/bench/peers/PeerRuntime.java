package dev.mosaic.bench.peers;

import java.util.function.LongSupplier;

/** A wasm runtime that the comparison times. */
interface PeerRuntime extends AutoCloseable {
  String name();

  /** Instantiates the workload and returns one timed call (its result as an unsigned i32). */
  LongSupplier prepare(Workload workload) throws Exception;

  @Override
  void close() throws Exception;
}
