package dev.mosaic.host.component.abi;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.function.Supplier;
import org.graalvm.polyglot.Value;

/**
 * A GraalWasm memory (an exported or aliased {@code memory}) as a {@link LinearMemory}. Every
 * method is a polyglot call, so bytes cross in bulk ({@link Value#readBuffer}), 128 at a time
 * through a {@link MemoryCopier} when one is given, else eight at a time ({@link
 * Value#writeBufferLong}), and an integer is one typed access, never one call per byte.
 */
public final class GraalMemory implements LinearMemory {
  private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final Value memory;
  private final Supplier<MemoryCopier> copier;
  // The copier once asked for: the supplier gives one instance per memory, so a write that races
  // with another here at worst asks it twice.
  private MemoryCopier runs;

  public GraalMemory(Value memory) {
    this(memory, null);
  }

  /**
   * A memory whose writes of whole {@link MemoryCopier#RUN}-byte runs go through {@code copier}
   * (asked only when a write is that long; when it gives none, those bytes go eight at a time too),
   * the rest eight bytes at a time.
   */
  public GraalMemory(Value memory, Supplier<MemoryCopier> copier) {
    if (memory == null || !memory.hasBufferElements()) {
      throw new IllegalArgumentException("not a wasm memory: " + memory);
    }
    this.memory = memory;
    this.copier = copier;
  }

  @Override
  public long size() {
    return memory.getBufferSize();
  }

  @Override
  public byte readByte(long offset) {
    return memory.readBufferByte(offset);
  }

  @Override
  public void writeByte(long offset, byte value) {
    memory.writeBufferByte(offset, value);
  }

  @Override
  public void read(long offset, byte[] into, int length) {
    memory.readBuffer(offset, into, 0, length);
  }

  @Override
  public void write(long offset, byte[] from, int length) {
    write(offset, from, 0, length);
  }

  /**
   * Writes {@code from[fromIndex .. fromIndex + length)} at {@code offset}: whole {@link
   * MemoryCopier#RUN}-byte runs through the copier when there is one, the rest eight bytes, then
   * one byte, at a time.
   *
   * @throws IndexOutOfBoundsException when the bytes do not fit in the memory
   */
  public void write(long offset, byte[] from, int fromIndex, int length) {
    int i = 0;
    MemoryCopier runs = this.runs;
    if (runs == null && copier != null && length >= MemoryCopier.RUN) {
      runs = copier.get();
      this.runs = runs;
    }
    if (runs != null && length >= MemoryCopier.RUN) {
      for (; i + MemoryCopier.RUN <= length; i += MemoryCopier.RUN) {
        if (!runs.put(offset + i, from, fromIndex + i)) {
          throw new IndexOutOfBoundsException(
              "(" + (offset + i) + ", " + MemoryCopier.RUN + ") outside the memory");
        }
      }
    }
    for (; i + Long.BYTES <= length; i += Long.BYTES) {
      memory.writeBufferLong(LE, offset + i, (long) LONGS.get(from, fromIndex + i));
    }
    for (; i < length; i++) {
      memory.writeBufferByte(offset + i, from[fromIndex + i]);
    }
  }

  @Override
  public long readInt(long offset, int bytes) {
    return switch (bytes) {
      case 1 -> memory.readBufferByte(offset) & 0xFFL;
      case 2 -> memory.readBufferShort(LE, offset) & 0xFFFFL;
      case 4 -> Integer.toUnsignedLong(memory.readBufferInt(LE, offset));
      case 8 -> memory.readBufferLong(LE, offset);
      default -> LinearMemory.super.readInt(offset, bytes);
    };
  }

  @Override
  public void writeInt(long offset, int bytes, long value) {
    switch (bytes) {
      case 1 -> memory.writeBufferByte(offset, (byte) value);
      case 2 -> memory.writeBufferShort(LE, offset, (short) value);
      case 4 -> memory.writeBufferInt(LE, offset, (int) value);
      case 8 -> memory.writeBufferLong(LE, offset, value);
      default -> LinearMemory.super.writeInt(offset, bytes, value);
    }
  }

  /** A guest's {@code cabi_realloc} export as a {@link Realloc}. */
  public static Realloc realloc(Value function) {
    return (oldPtr, oldSize, alignment, newSize) ->
        Integer.toUnsignedLong(
            function.execute((int) oldPtr, (int) oldSize, alignment, (int) newSize).asInt());
  }
}
