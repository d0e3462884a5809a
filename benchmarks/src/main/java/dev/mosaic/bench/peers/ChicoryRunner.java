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
    if (w.setup != null) {
      instance.export(w.setup).apply(longs(w.setupArgs));
    }
    ExportFunction f = instance.export(w.export);
    long[] args = longs(w.args);
    return () -> f.apply(args)[0] & 0xFFFF_FFFFL;
  }

  private static long[] longs(int[] values) {
    long[] out = new long[values.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = values[i];
    }
    return out;
  }

  @Override
  public void close() {}
}
