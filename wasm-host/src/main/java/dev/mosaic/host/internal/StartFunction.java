package dev.mosaic.host.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Moves a module's start function out of instantiation: the start section is removed and the
 * function exported under a name of its own, which the host calls right after instantiating the
 * module, before anything else can use it (as the wasm spec orders it). So a start function runs as
 * a call does: under the call's time limit, stopped the same way, and with a runaway recursion
 * reported as E9006 like any other (run inside the engine's instantiation it overflows the stack in
 * a lock of the engine, and the JVM prints a warning on the user's terminal). Every other byte of
 * the module is copied as is. The binary has been validated before it gets here.
 */
public final class StartFunction {
  private static final int EXPORT_SECTION = 7;
  private static final int START_SECTION = 8;
  private static final int FUNCTION_EXPORT = 0x00;
  private static final String NAME = "mosaic:start";

  private StartFunction() {}

  /**
   * A module with its start function moved to an export.
   *
   * @param module the rewritten binary (the input itself when there is no start function)
   * @param export the export that is the start function, or {@code null} when there is none
   */
  public record Moved(byte[] module, String export) {}

  /** The export the start function gets, or {@code null} when the module has none. */
  static String export(byte[] wasm) {
    return move(wasm, false).export();
  }

  public static Moved move(byte[] wasm) {
    return move(wasm, true);
  }

  private static Moved move(byte[] wasm, boolean rewrite) {
    WasmBytes.Reader r = new WasmBytes.Reader(wasm, 8);
    int startAt = -1;
    int startEnd = -1;
    long function = -1;
    int exportAt = -1;
    int exportEnd = -1;
    while (r.pos < wasm.length) {
      int at = r.pos;
      int id = wasm[r.pos++] & 0xFF;
      long size = r.u32();
      int end = Math.toIntExact(r.pos + size);
      if (id == START_SECTION) {
        startAt = at;
        startEnd = end;
        function = r.u32();
      } else if (id == EXPORT_SECTION) {
        exportAt = at;
        exportEnd = end;
      }
      r.pos = end;
    }
    if (startAt < 0) {
      return new Moved(wasm, null);
    }
    Set<String> names = new HashSet<>();
    long count = 0;
    byte[] entries = new byte[0];
    if (exportAt >= 0) {
      WasmBytes.Reader e = new WasmBytes.Reader(wasm, exportAt + 1);
      e.u32(); // section size
      count = e.u32();
      int first = e.pos;
      for (long i = 0; i < count; i++) {
        int len = Math.toIntExact(e.u32());
        names.add(new String(wasm, e.pos, len, StandardCharsets.UTF_8));
        e.pos += len + 1; // name, kind
        e.u32(); // index
      }
      entries = Arrays.copyOfRange(wasm, first, exportEnd);
    }
    String name = NAME;
    while (names.contains(name)) {
      name = name + "'";
    }
    if (!rewrite) {
      return new Moved(wasm, name);
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream(entries.length + 32);
    WasmBytes.writeU32(body, count + 1);
    body.write(entries, 0, entries.length);
    byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
    WasmBytes.writeU32(body, nameBytes.length);
    body.write(nameBytes, 0, nameBytes.length);
    body.write(FUNCTION_EXPORT);
    WasmBytes.writeU32(body, function);
    byte[] section = body.toByteArray();

    ByteArrayOutputStream out = new ByteArrayOutputStream(wasm.length + 32);
    // The export section comes right before the start section in a module, so a new one takes the
    // start section's place and an existing one is replaced where it stands.
    int exportPlace = exportAt >= 0 ? exportAt : startAt;
    int from = 0;
    out.write(wasm, from, exportPlace - from);
    out.write(EXPORT_SECTION);
    WasmBytes.writeU32(out, section.length);
    out.write(section, 0, section.length);
    from = exportAt >= 0 ? exportEnd : startAt;
    out.write(wasm, from, startAt - from);
    out.write(wasm, startEnd, wasm.length - startEnd);
    return new Moved(out.toByteArray(), name);
  }
}
