package dev.mosaic.host.component.abi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.host.TestPlans;
import java.util.Map;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.ByteSequence;
import org.graalvm.polyglot.proxy.ProxyObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The copy helper on its own, over the memory of {@code echo.wat} (one page; its {@code alloc}
 * grows it): it stores 128 bytes where asked, its stores trap at the memory's end (wasm's own
 * bounds check, reported as {@code false}), and it writes into pages grown after it was
 * instantiated.
 */
class MemoryCopierTest {
  private Context context;
  private Value alloc;
  private Value memory;
  private MemoryCopier copier;
  private final byte[] run = new byte[MemoryCopier.RUN];

  @BeforeEach
  void setUp() {
    context = Context.newBuilder("wasm").build();
    Value exports =
        context
            .eval(
                Source.newBuilder("wasm", ByteSequence.create(TestPlans.wasm("echo")), "echo")
                    .buildLiteral())
            .newInstance(ProxyObject.fromMap(Map.of()))
            .getMember("exports");
    alloc = exports.getMember("alloc");
    memory = exports.getMember("memory");
    copier = MemoryCopier.over(context, memory);
    for (int i = 0; i < run.length; i++) {
      run[i] = (byte) (i * 7 + 3);
    }
  }

  @AfterEach
  void tearDown() {
    context.close();
  }

  @Test
  void storesTheRunAtTheAddressUpToTheMemorysLastByte() {
    long end = memory.getBufferSize();
    assertThat(copier.put(1000, run, 0)).isTrue();
    assertThat(read(1000)).isEqualTo(run);
    assertThat(copier.put(end - MemoryCopier.RUN, run, 0)).isTrue();
    assertThat(read(end - MemoryCopier.RUN)).isEqualTo(run);
  }

  @Test
  void aRunPastTheEndTrapsInsteadOfWriting() {
    long end = memory.getBufferSize();
    assertThat(copier.put(end - MemoryCopier.RUN + 1, run, 0)).isFalse();
    assertThat(copier.put(end, run, 0)).isFalse();
    assertThat(copier.put(0xFFFF_FFF0L, run, 0)).isFalse();
    // The helper still works after its traps.
    assertThat(copier.put(0, run, 0)).isTrue();
  }

  @Test
  void writesIntoPagesGrownAfterItWasInstantiated() {
    long before = memory.getBufferSize();
    assertThat(copier.put(before, run, 0)).isFalse();
    alloc.execute(100_000);
    assertThat(memory.getBufferSize()).isGreaterThan(before + MemoryCopier.RUN);
    assertThat(copier.put(before, run, 0)).isTrue();
    assertThat(read(before)).isEqualTo(run);
  }

  private byte[] read(long at) {
    byte[] out = new byte[MemoryCopier.RUN];
    memory.readBuffer(at, out, 0, out.length);
    return out;
  }
}
