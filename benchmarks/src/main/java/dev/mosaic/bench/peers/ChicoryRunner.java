package dev.mosaic.bench.peers;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.List;
import java.util.function.LongSupplier;

/** Chicory's pure-Java interpreter. */
final class ChicoryRunner implements PeerRuntime {
  @Override
  public String name() {
    return "chicory";
  }

  @Override
  public LongSupplier prepare(Workload w) {
    HostFunction clock =
        new HostFunction(
            "mosaic",
            "clock_monotonic",
            FunctionType.of(List.of(), List.of(ValType.I64)),
            (instance, args) -> new long[] {System.nanoTime()});
    Instance instance =
        Instance.builder(Parser.parse(w.wasm()))
            .withImportValues(
                w == Workload.HOSTCALLS
                    ? ImportValues.builder().addFunction(clock).build()
                    : ImportValues.builder().build())
            .build();
    if (w == Workload.CRC32) {
      instance.export("fill").apply(Workload.CRC_SEED, Workload.CRC_LEN);
    }
    ExportFunction f = instance.export(w.export);
    long[] args = new long[w.args.length];
    for (int i = 0; i < args.length; i++) {
      args[i] = w.args[i];
    }
    return () -> f.apply(args)[0] & 0xFFFF_FFFFL;
  }

  @Override
  public void close() {}
}
