package dev.mosaic.host.component.abi;

import org.graalvm.polyglot.Value;

/** A GraalWasm memory (an exported or aliased {@code memory}) as a {@link LinearMemory}. */
public final class GraalMemory implements LinearMemory {
  private final Value memory;

  public GraalMemory(Value memory) {
    if (memory == null || !memory.hasBufferElements()) {
      throw new IllegalArgumentException("not a wasm memory: " + memory);
    }
    this.memory = memory;
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

  /** A guest's {@code cabi_realloc} export as a {@link Realloc}. */
  public static Realloc realloc(Value function) {
    return (oldPtr, oldSize, alignment, newSize) ->
        Integer.toUnsignedLong(
            function.execute((int) oldPtr, (int) oldSize, alignment, (int) newSize).asInt());
  }
}
