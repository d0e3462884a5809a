package dev.mosaic.host.internal;

import java.io.ByteArrayOutputStream;

/**
 * The LEB128 reading and writing the host's module rewriters ({@link MemoryCap}, {@link
 * StartFunction}) share. They rewrite modules that {@link dev.mosaic.plan.wasm.WasmInterface} has
 * already read and bounded, so a malformed number here is a bug, not hostile input.
 */
final class WasmBytes {
  private WasmBytes() {}

  /** Writes an unsigned LEB128 number. */
  static void writeU32(ByteArrayOutputStream out, long value) {
    long v = value;
    do {
      int b = (int) (v & 0x7F);
      v >>>= 7;
      out.write(v != 0 ? b | 0x80 : b);
    } while (v != 0);
  }

  /** Reads bytes and unsigned LEB128 numbers from a position that callers may move. */
  static final class Reader {
    private final byte[] bytes;
    int pos;

    Reader(byte[] bytes, int pos) {
      this.bytes = bytes;
      this.pos = pos;
    }

    int u8() {
      return bytes[pos++] & 0xFF;
    }

    long u32() {
      long result = 0;
      int shift = 0;
      while (true) {
        int b = bytes[pos++] & 0xFF;
        result |= (long) (b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
          return result;
        }
        shift += 7;
        if (shift > 28) {
          throw new IllegalArgumentException("malformed LEB128 number");
        }
      }
    }
  }
}
