package dev.mosaic.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.ByteSequence;
import org.graalvm.polyglot.proxy.ProxyObject;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Ways to write bytes into a guest's linear memory through GraalWasm's polyglot API, which reads in
 * bulk ({@code Value.readBuffer}) but writes one value at a time: one {@code writeBufferByte} per
 * byte, one {@code writeBufferLong} per eight bytes (what the host does), the same inside one
 * explicit {@code Context.enter}, and a copy helper module instantiated in the guest's context that
 * imports the guest's memory and stores 8 to 128 words per call ({@code copy.wat}). {@link
 * #instantiateHelper} is what the helper costs once per guest. Every variant is checked to leave
 * the same bytes in memory ({@code verify}) before it is timed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MemoryWriteBench {
  /** Where the bytes go: past the guest's bump allocator start, inside its one 64 KiB page. */
  private static final int DST = 1024;

  @Param({"64", "1024", "16384"})
  public int size;

  /**
   * How many contexts share the engine, each with its own guest and helper (the last is measured):
   * with more than one, the engine compiles code that serves every context, as a host's shared
   * engine does once it has run two compositions.
   */
  @Param({"1", "3"})
  public int contexts;

  private final List<Context> all = new ArrayList<>();

  private Engine engine;
  private Context context;
  private Value memory;
  private Source helper;
  private Value put8;
  private Value put16;
  private Value put32;
  private Value put64;
  private Value put128;
  private byte[] data;

  /** Wall time of the helper's first instantiation on the fresh engine, in nanoseconds. */
  long firstHelperNanos;

  @Setup(Level.Trial)
  public void setUp() {
    engine = Engine.newBuilder("wasm").option("engine.WarnInterpreterOnly", "false").build();
    helper = source(wasm("copy"), "copy");
    Value exports = null;
    for (int c = 0; c < contexts; c++) {
      context = Context.newBuilder("wasm").engine(engine).build();
      all.add(context);
      memory = instantiate(wasm("upper"), Map.of()).getMember("memory");
      long t0 = System.nanoTime();
      exports = helperExports();
      if (c == 0) {
        firstHelperNanos = System.nanoTime() - t0;
      }
    }
    put8 = exports.getMember("put8");
    put16 = exports.getMember("put16");
    put32 = exports.getMember("put32");
    put64 = exports.getMember("put64");
    put128 = exports.getMember("put128");
    data = new byte[size];
    for (int i = 0; i < size; i++) {
      data[i] = (byte) (i * 31 + 7);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    all.forEach(Context::close);
    engine.close();
  }

  /** One {@code writeBufferByte} per byte: the baseline. */
  @Benchmark
  public long bytes() {
    for (int i = 0; i < data.length; i++) {
      memory.writeBufferByte(DST + i, data[i]);
    }
    return check();
  }

  /** One {@code writeBufferLong} per eight bytes, words packed from the bytes: the host's path. */
  @Benchmark
  public long longs() {
    byte[] in = data;
    for (int i = 0; i + 8 <= in.length; i += 8) {
      long v = 0;
      for (int j = 7; j >= 0; j--) {
        v = (v << 8) | (in[i + j] & 0xFFL);
      }
      memory.writeBufferLong(ByteOrder.LITTLE_ENDIAN, DST + i, v);
    }
    return check();
  }

  /**
   * {@link #longs} inside one explicit {@code Context.enter}/{@code leave}, so the writes find the
   * context entered on this thread instead of entering and leaving it once each.
   */
  @Benchmark
  public long longsEntered() {
    context.enter();
    try {
      return longs();
    } finally {
      context.leave();
    }
  }

  /** The copy helper, eight words per call. */
  @Benchmark
  public long helper8() {
    return helper(put8, 8);
  }

  /** The copy helper, sixteen words per call. */
  @Benchmark
  public long helper16() {
    return helper(put16, 16);
  }

  /** The copy helper, thirty-two words per call. */
  @Benchmark
  public long helper32() {
    return helper(put32, 32);
  }

  /** The copy helper, sixty-four words per call. */
  @Benchmark
  public long helper64() {
    return helper(put64, 64);
  }

  /** The copy helper, 128 words (1 KiB) per call. */
  @Benchmark
  public long helper128() {
    return helper(put128, 128);
  }

  /** Instantiates the copy helper against the guest's memory (done once per guest). */
  @Benchmark
  public Value instantiateHelper() {
    return helperExports().getMember("put16");
  }

  private Value helperExports() {
    return instantiate(
        helper, Map.of("guest", ProxyObject.fromMap(Map.<String, Object>of("memory", memory))));
  }

  /**
   * Whole runs of {@code n} words through {@code put}, a remaining run of eight through {@code
   * put8}, the rest with {@code writeBufferLong}: the shape a host write path would take.
   */
  private long helper(Value put, int n) {
    int at = copy(put, n, 0);
    at = copy(put8, 8, at);
    for (; at + 8 <= data.length; at += 8) {
      memory.writeBufferLong(ByteOrder.LITTLE_ENDIAN, DST + at, word(at));
    }
    return check();
  }

  private int copy(Value put, int n, int from) {
    Object[] args = new Object[n + 1];
    int at = from;
    for (; at + n * 8 <= data.length; at += n * 8) {
      args[0] = DST + at;
      for (int w = 0; w < n; w++) {
        args[w + 1] = word(at + w * 8);
      }
      put.executeVoid(args);
    }
    return at;
  }

  private long word(int at) {
    long v = 0;
    for (int j = 7; j >= 0; j--) {
      v = (v << 8) | (data[at + j] & 0xFFL);
    }
    return v;
  }

  /** Reads the last word back, so every variant ends with the same observable work. */
  private long check() {
    return memory.readBufferLong(ByteOrder.LITTLE_ENDIAN, DST + data.length - 8);
  }

  /** Throws unless every variant leaves exactly {@link #data} at {@link #DST}. */
  void verify() {
    byte[] back = new byte[data.length];
    memory.readBuffer(DST, back, 0, back.length);
    if (!Arrays.equals(back, data)) {
      throw new IllegalStateException("memory does not hold the written bytes");
    }
    for (int i = 0; i < data.length; i++) {
      memory.writeBufferByte(DST + i, (byte) 0);
    }
  }

  private Value instantiate(Source source, Map<String, Object> imports) {
    return context.eval(source).newInstance(ProxyObject.fromMap(imports)).getMember("exports");
  }

  private Value instantiate(byte[] bytes, Map<String, Object> imports) {
    return instantiate(source(bytes, "guest"), imports);
  }

  private static Source source(byte[] bytes, String name) {
    return Source.newBuilder("wasm", ByteSequence.create(bytes), name).cached(true).buildLiteral();
  }

  private static byte[] wasm(String name) {
    try (InputStream in =
        MemoryWriteBench.class.getResourceAsStream("/bench-wasm/" + name + ".wasm")) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
