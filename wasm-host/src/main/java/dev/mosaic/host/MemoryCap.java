package dev.mosaic.host;

import java.io.ByteArrayOutputStream;

/**
 * Rewrites the maximum of a module's memory in its binary so the engine itself refuses to grow it
 * further: {@code memory.grow} past the cap returns -1 to the guest, as the wasm spec says for any
 * maximum. Only the memory section changes; every other byte is copied as is.
 */
final class MemoryCap {
  private static final int MEMORY_SECTION = 5;

  private MemoryCap() {}

  /**
   * Returns the module with its (single, non-shared, 32-bit) memory's maximum set to {@code
   * maxPages}. The caller has checked that the initial size fits and that the declared maximum, if
   * any, is not smaller.
   */
  static byte[] apply(byte[] module, int initialPages, int maxPages) {
    Reader r = new Reader(module, 8);
    ByteArrayOutputStream out = new ByteArrayOutputStream(module.length + 8);
    out.write(module, 0, 8);
    while (r.pos < module.length) {
      int start = r.pos;
      int id = module[r.pos++] & 0xFF;
      long size = r.u32();
      int payload = r.pos;
      int end = Math.toIntExact(payload + size);
      if (id == MEMORY_SECTION) {
        ByteArrayOutputStream section = new ByteArrayOutputStream();
        writeU32(section, 1);
        section.write(0x01);
        writeU32(section, initialPages);
        writeU32(section, maxPages);
        byte[] body = section.toByteArray();
        out.write(MEMORY_SECTION);
        writeU32(out, body.length);
        out.write(body, 0, body.length);
      } else {
        out.write(module, start, end - start);
      }
      r.pos = end;
    }
    return out.toByteArray();
  }

  private static void writeU32(ByteArrayOutputStream out, long value) {
    long v = value;
    do {
      int b = (int) (v & 0x7F);
      v >>>= 7;
      out.write(v != 0 ? b | 0x80 : b);
    } while (v != 0);
  }

  private static final class Reader {
    private final byte[] bytes;
    private int pos;

    Reader(byte[] bytes, int pos) {
      this.bytes = bytes;
      this.pos = pos;
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
          throw new IllegalArgumentException("malformed section size");
        }
      }
    }
  }
}
