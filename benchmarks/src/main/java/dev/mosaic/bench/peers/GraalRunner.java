package dev.mosaic.bench.peers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.ByteSequence;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * GraalWasm through the polyglot API alone, on the same JVM flags as Mosaic: one shared engine, one
 * context per workload, no Mosaic code on the call path. The distance between this runtime and
 * {@link MosaicRunner} is what Mosaic itself costs.
 */
final class GraalRunner implements PeerRuntime {
  private final Engine engine =
      Engine.newBuilder("wasm").option("engine.WarnInterpreterOnly", "true").build();
  private final List<Context> open = new ArrayList<>();

  @Override
  public String name() {
    return "graalwasm";
  }

  @Override
  public LongSupplier prepare(Workload w) {
    Context context = Context.newBuilder("wasm").engine(engine).build();
    open.add(context);
    Source source =
        Source.newBuilder("wasm", ByteSequence.create(w.wasm()), w.file)
            .cached(true)
            .buildLiteral();
    Value module = context.eval(source);
    long origin = System.nanoTime();
    Map<String, Object> imports =
        w == Workload.HOSTCALLS
            ? Map.of(
                "mosaic",
                ProxyObject.fromMap(
                    Map.of(
                        "clock_monotonic", (ProxyExecutable) args -> System.nanoTime() - origin)))
            : Map.of();
    Value exports = module.newInstance(ProxyObject.fromMap(imports)).getMember("exports");
    if (w.setup != null) {
      exports.getMember(w.setup).execute(boxed(w.setupArgs));
    }
    Value f = exports.getMember(w.export);
    Object[] args = boxed(w.args);
    return () -> f.execute(args).asLong() & 0xFFFF_FFFFL;
  }

  private static Object[] boxed(int[] values) {
    Object[] out = new Object[values.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = values[i];
    }
    return out;
  }

  @Override
  public void close() {
    open.forEach(Context::close);
    engine.close();
  }
}
