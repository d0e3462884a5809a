package dev.mosaic.host.component.abi;

/**
 * The linear memory the canonical ABI reads and writes: a byte array in tests, a guest's memory
 * when bound to an engine. Offsets are unsigned 32-bit values held in a {@code long}; every method
 * may assume {@code offset + length <= size()}, which the canonical ABI checks before calling.
 */
public interface LinearMemory {
  /** The current size in bytes. */
  long size();

  byte readByte(long offset);

  void writeByte(long offset, byte value);

  default void read(long offset, byte[] into, int length) {
    for (int i = 0; i < length; i++) {
      into[i] = readByte(offset + i);
    }
  }

  default void write(long offset, byte[] from, int length) {
    for (int i = 0; i < length; i++) {
      writeByte(offset + i, from[i]);
    }
  }

  /** A little-endian integer of {@code bytes} bytes (1, 2, 4 or 8), zero-extended. */
  default long readInt(long offset, int bytes) {
    long v = 0;
    for (int i = bytes - 1; i >= 0; i--) {
      v = v << 8 | (readByte(offset + i) & 0xFF);
    }
    return v;
  }

  default void writeInt(long offset, int bytes, long value) {
    for (int i = 0; i < bytes; i++) {
      writeByte(offset + i, (byte) (value >>> (8 * i)));
    }
  }
}
