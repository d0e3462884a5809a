package dev.mosaic.host.component.abi;

/** A {@link LinearMemory} over a byte array, with a bump allocator as its {@link Realloc}. */
public final class ByteArrayMemory implements LinearMemory, Realloc {
  private final byte[] bytes;
  private long next;

  /** A memory of {@code size} bytes whose allocator starts at {@code heapStart}. */
  public ByteArrayMemory(int size, int heapStart) {
    this.bytes = new byte[size];
    this.next = heapStart;
  }

  public byte[] bytes() {
    return bytes;
  }

  @Override
  public long size() {
    return bytes.length;
  }

  @Override
  public byte readByte(long offset) {
    return bytes[(int) offset];
  }

  @Override
  public void writeByte(long offset, byte value) {
    bytes[(int) offset] = value;
  }

  @Override
  public void read(long offset, byte[] into, int length) {
    System.arraycopy(bytes, (int) offset, into, 0, length);
  }

  @Override
  public void write(long offset, byte[] from, int length) {
    System.arraycopy(from, 0, bytes, (int) offset, length);
  }

  /** Bump allocation: a new block, the old one copied into it (never freed). */
  @Override
  public long realloc(long oldPtr, long oldSize, int alignment, long newSize) {
    long ptr = Layouts.alignTo(next, alignment);
    next = ptr + newSize;
    if (oldPtr != 0 && oldSize > 0 && ptr + Math.min(oldSize, newSize) <= bytes.length) {
      System.arraycopy(bytes, (int) oldPtr, bytes, (int) ptr, (int) Math.min(oldSize, newSize));
    }
    return ptr;
  }
}
