package dev.mosaic.host.component;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes component binaries byte by byte, for tests that need malformed or hostile ones. */
public final class ComponentBytes {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  /** A component starting with the preamble of version 0x0d, layer 1. */
  public static ComponentBytes component() {
    return new ComponentBytes().raw(0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00);
  }

  public static ComponentBytes empty() {
    return new ComponentBytes();
  }

  public ComponentBytes raw(int... bytes) {
    for (int b : bytes) {
      out.write(b);
    }
    return this;
  }

  public ComponentBytes raw(byte[] bytes) {
    out.writeBytes(bytes);
    return this;
  }

  /** An unsigned LEB128. */
  public ComponentBytes u32(long v) {
    do {
      int b = (int) (v & 0x7F);
      v >>>= 7;
      out.write(v != 0 ? b | 0x80 : b);
    } while (v != 0);
    return this;
  }

  /** A signed LEB128, as value type indices are written. */
  public ComponentBytes s33(long v) {
    while (true) {
      int b = (int) (v & 0x7F);
      v >>= 7;
      boolean done = (v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0);
      out.write(done ? b : b | 0x80);
      if (done) {
        return this;
      }
    }
  }

  public ComponentBytes name(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return u32(b.length).raw(b);
  }

  /** A section: id, size, contents. */
  public ComponentBytes section(int id, ComponentBytes contents) {
    byte[] b = contents.bytes();
    return raw(id).u32(b.length).raw(b);
  }

  public byte[] bytes() {
    return out.toByteArray();
  }
}
