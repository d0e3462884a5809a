package dev.mosaic.host.component.abi;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.ByteSequence;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * Writes into a guest's linear memory {@link #RUN} bytes per call through a helper module
 * instantiated in the guest's context that imports the guest's exported memory. GraalWasm's
 * polyglot API writes one value per call ({@code Value.writeBufferLong}), and one call with sixteen
 * words costs far less than sixteen calls once the engine has compiled the helper ({@code
 * MemoryWriteBench}: 1 KiB in about a third of the time).
 *
 * <p>The helper is the module below, built by {@code wat2wasm}. Only the host holds its instance:
 * it is in no guest's imports and no component's exports. Its stores are bounds-checked by wasm
 * itself and trap outside the memory; the memory is imported, so it is the guest's memory after any
 * {@code memory.grow}.
 *
 * <pre>{@code
 * (module
 *   (import "guest" "memory" (memory 0))
 *   (func (export "put16") (param $dst i32) (param i64 ... i64) ;; sixteen i64
 *     (i64.store offset=0 (local.get $dst) (local.get 1))
 *     ...
 *     (i64.store offset=120 (local.get $dst) (local.get 16))))
 * }</pre>
 */
public final class MemoryCopier {
  /** Bytes written per call: sixteen little-endian words. */
  public static final int RUN = 128;

  private static final int WORDS = RUN / 8;
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private static final Source MODULE =
      Source.newBuilder(
              "wasm",
              ByteSequence.create(
                  HexFormat.of()
                      .parseHex(
                          "0061736d0100000001150160117f7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e0002110105"
                              + "6775657374066d656d6f72790200000302010007090105707574313600000a74"
                              + "0172002000200137030020002002370308200020033703102000200437031820"
                              + "0020053703202000200637032820002007370330200020083703382000200937"
                              + "03402000200a3703482000200b3703502000200c3703582000200d3703602000"
                              + "200e3703682000200f370370200020103703780b")),
              "mosaic-memory-copy")
          .cached(true)
          .buildLiteral();

  private final Value put;

  private MemoryCopier(Value put) {
    this.put = put;
  }

  /** Instantiates the helper in {@code context} over {@code memory}, a memory of that context. */
  public static MemoryCopier over(Context context, Value memory) {
    Value exports =
        context
            .eval(MODULE)
            .newInstance(
                ProxyObject.fromMap(
                    Map.of("guest", ProxyObject.fromMap(Map.<String, Object>of("memory", memory)))))
            .getMember("exports");
    return new MemoryCopier(exports.getMember("put16"));
  }

  /**
   * Stores {@code data[from .. from + RUN)} at guest address {@code at}.
   *
   * @return false when the store trapped (the run does not fit in the memory); exceptions that stop
   *     the call (interrupt, cancel, resource exhaustion) are thrown on
   */
  public boolean put(long at, byte[] data, int from) {
    Object[] args = new Object[WORDS + 1];
    args[0] = (int) at;
    for (int w = 0; w < WORDS; w++) {
      args[w + 1] = (long) LONGS.get(data, from + w * 8);
    }
    try {
      put.executeVoid(args);
      return true;
    } catch (PolyglotException e) {
      if (e.isInterrupted() || e.isCancelled() || e.isResourceExhausted() || e.isHostException()) {
        throw e;
      }
      return false;
    }
  }

  /** The copiers of one context, one per memory, each instantiated at its first use. */
  public static final class PerMemory {
    private final Context context;
    private final Map<Value, MemoryCopier> copiers = new IdentityHashMap<>();

    public PerMemory(Context context) {
      this.context = context;
    }

    /** The copier over {@code memory}, a memory of this context, instantiated when first asked. */
    public Supplier<MemoryCopier> of(Value memory) {
      return () -> get(memory);
    }

    private synchronized MemoryCopier get(Value memory) {
      return copiers.computeIfAbsent(memory, m -> over(context, m));
    }
  }
}
