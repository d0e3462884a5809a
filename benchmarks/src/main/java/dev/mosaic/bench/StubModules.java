package dev.mosaic.bench;

import dev.mosaic.plan.FuncType;
import dev.mosaic.plan.FunctionDecl;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes small valid wasm modules with a given interface: every function returns zeros. The
 * benchmark plans name these, so the blobs phase finds the imports and exports each plan declares
 * (the same encoder as the plan module's tests).
 */
final class StubModules {
  private StubModules() {}

  /**
   * A module with these function imports and exports, and a custom section holding {@code tag} so
   * that modules with the same interface differ.
   */
  static byte[] module(List<FunctionDecl> imports, List<FunctionDecl> exports, String tag) {
    List<FuncType> types = new ArrayList<>();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
    ByteArrayOutputStream importSection = new ByteArrayOutputStream();
    u32(importSection, imports.size());
    for (FunctionDecl f : imports) {
      name(importSection, f.module());
      name(importSection, f.name());
      importSection.write(0);
      u32(importSection, typeIndex(types, f.type()));
    }
    ByteArrayOutputStream functionSection = new ByteArrayOutputStream();
    ByteArrayOutputStream exportSection = new ByteArrayOutputStream();
    ByteArrayOutputStream codeSection = new ByteArrayOutputStream();
    u32(functionSection, exports.size());
    u32(exportSection, exports.size());
    u32(codeSection, exports.size());
    for (int i = 0; i < exports.size(); i++) {
      FunctionDecl f = exports.get(i);
      u32(functionSection, typeIndex(types, f.type()));
      name(exportSection, f.name());
      exportSection.write(0);
      u32(exportSection, imports.size() + i);
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      body.write(0);
      for (String result : f.type().results()) {
        switch (result) {
          case "i32" -> body.writeBytes(new byte[] {0x41, 0});
          case "i64" -> body.writeBytes(new byte[] {0x42, 0});
          case "f32" -> body.writeBytes(new byte[] {0x43, 0, 0, 0, 0});
          default -> body.writeBytes(new byte[] {0x44, 0, 0, 0, 0, 0, 0, 0, 0});
        }
      }
      body.write(0x0B);
      u32(codeSection, body.size());
      codeSection.writeBytes(body.toByteArray());
    }
    ByteArrayOutputStream typeSection = new ByteArrayOutputStream();
    u32(typeSection, types.size());
    for (FuncType t : types) {
      typeSection.write(0x60);
      valueTypes(typeSection, t.params());
      valueTypes(typeSection, t.results());
    }
    ByteArrayOutputStream custom = new ByteArrayOutputStream();
    name(custom, "stub");
    custom.writeBytes(tag.getBytes(StandardCharsets.UTF_8));
    section(out, 1, typeSection);
    section(out, 2, importSection);
    section(out, 3, functionSection);
    section(out, 7, exportSection);
    section(out, 10, codeSection);
    section(out, 0, custom);
    return out.toByteArray();
  }

  private static int typeIndex(List<FuncType> types, FuncType t) {
    int i = types.indexOf(t);
    if (i < 0) {
      types.add(t);
      i = types.size() - 1;
    }
    return i;
  }

  private static void valueTypes(ByteArrayOutputStream out, List<String> types) {
    u32(out, types.size());
    for (String t : types) {
      out.write(
          switch (t) {
            case "i32" -> 0x7F;
            case "i64" -> 0x7E;
            case "f32" -> 0x7D;
            default -> 0x7C;
          });
    }
  }

  private static void section(ByteArrayOutputStream out, int id, ByteArrayOutputStream body) {
    out.write(id);
    u32(out, body.size());
    out.writeBytes(body.toByteArray());
  }

  private static void name(ByteArrayOutputStream out, String name) {
    byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
    u32(out, bytes.length);
    out.writeBytes(bytes);
  }

  static void u32(ByteArrayOutputStream out, long value) {
    long v = value;
    do {
      int b = (int) (v & 0x7F);
      v >>>= 7;
      out.write(v != 0 ? b | 0x80 : b);
    } while (v != 0);
  }
}
