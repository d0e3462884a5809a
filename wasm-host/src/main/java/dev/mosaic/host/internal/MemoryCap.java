package dev.mosaic.host.internal;

import java.io.ByteArrayOutputStream;

/**
 * Rewrites the maxima of a module's memory and tables in its binary so the engine itself refuses to
 * grow them further: {@code memory.grow} and {@code table.grow} past the cap return -1 to the
 * guest, as the wasm spec says for any maximum. This is the host's equivalent of wasmtime's {@code
 * ResourceLimiter} ({@code memory_growing}, {@code table_growing}): the decision is made once,
 * before instantiation, and the engine enforces it on every grow. Only the memory and table
 * sections change; every other byte is copied as is.
 */
public final class MemoryCap {
  private static final int TABLE_SECTION = 4;
  private static final int MEMORY_SECTION = 5;

  private MemoryCap() {}

  /**
   * Returns the module with its (single, non-shared, 32-bit) memory's maximum set to {@code
   * maxPages} unless that is null, and the maximum of table {@code i} set to {@code tableMax[i]}.
   * The caller has checked that every initial size fits under its cap and that the module was read
   * by {@link dev.mosaic.plan.wasm.WasmInterface} (so its tables have no initializer expressions).
   */
  public static byte[] apply(byte[] module, int initialPages, Integer maxPages, long[] tableMax) {
    WasmBytes.Reader r = new WasmBytes.Reader(module, 8);
    ByteArrayOutputStream out = new ByteArrayOutputStream(module.length + 8);
    out.write(module, 0, 8);
    while (r.pos < module.length) {
      int start = r.pos;
      int id = module[r.pos++] & 0xFF;
      long size = r.u32();
      int payload = r.pos;
      int end = Math.toIntExact(payload + size);
      if (id == MEMORY_SECTION && maxPages != null) {
        ByteArrayOutputStream section = new ByteArrayOutputStream();
        WasmBytes.writeU32(section, 1);
        section.write(0x01);
        WasmBytes.writeU32(section, initialPages);
        WasmBytes.writeU32(section, maxPages);
        writeSection(out, MEMORY_SECTION, section);
      } else if (id == TABLE_SECTION) {
        writeSection(out, TABLE_SECTION, tables(r, tableMax));
      } else {
        out.write(module, start, end - start);
      }
      r.pos = end;
    }
    return out.toByteArray();
  }

  /** The table section with every table's limits set to its initial size and its cap. */
  private static ByteArrayOutputStream tables(WasmBytes.Reader r, long[] tableMax) {
    ByteArrayOutputStream section = new ByteArrayOutputStream();
    long count = r.u32();
    if (count != tableMax.length) {
      throw new IllegalArgumentException("table count differs from the caps given");
    }
    WasmBytes.writeU32(section, count);
    for (int i = 0; i < count; i++) {
      int refType = r.u8();
      int flags = r.u8();
      if ((refType != 0x70 && refType != 0x6F) || flags > 1) {
        throw new IllegalArgumentException("unsupported table type");
      }
      long initial = r.u32();
      if (flags == 1) {
        r.u32();
      }
      section.write(refType);
      section.write(0x01);
      WasmBytes.writeU32(section, initial);
      WasmBytes.writeU32(section, tableMax[i]);
    }
    return section;
  }

  private static void writeSection(ByteArrayOutputStream out, int id, ByteArrayOutputStream body) {
    out.write(id);
    WasmBytes.writeU32(out, body.size());
    out.writeBytes(body.toByteArray());
  }
}
