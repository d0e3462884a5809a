package dev.mosaic.plan.wasm;

import dev.mosaic.plan.Component;
import dev.mosaic.plan.FuncType;
import dev.mosaic.plan.FunctionDecl;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.diag.Diagnostic;
import dev.mosaic.plan.diag.PlanCodes;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a core wasm module imports and exports, read from its binary without running it: the
 * interface a plan must declare for it (docs/plan-format.md).
 *
 * <p>The reader is bounded for hostile input: it reads only the type, import, function, memory,
 * table and export sections and skips the others by their size; every count is checked against the
 * bytes left before anything is allocated (each entry takes at least one byte), every LEB128 number
 * against its width, so work and memory stay linear in the module's size. Anything it cannot read
 * is {@link PlanCodes#NOT_WASM} naming the byte offset.
 *
 * @param imports function imports in declaration order
 * @param otherImports tables, memories, globals and tags the module imports, as {@code kind
 *     `module.name`}; a plan cannot declare these
 * @param exports function exports in declaration order (module {@code ""})
 * @param initialMemoryPages pages all memories the module defines start with (saturated at 2^32)
 * @param memories the limits of each memory the module defines, in order
 * @param tables the limits of each table the module defines, in order
 */
public record WasmInterface(
    List<FunctionDecl> imports,
    List<String> otherImports,
    List<FunctionDecl> exports,
    long initialMemoryPages,
    List<MemoryLimits> memories,
    List<TableLimits> tables) {

  public WasmInterface {
    imports = List.copyOf(imports);
    otherImports = List.copyOf(otherImports);
    exports = List.copyOf(exports);
    memories = List.copyOf(memories);
    tables = List.copyOf(tables);
  }

  /**
   * The size of a memory in pages of 64 KiB.
   *
   * @param initial pages it starts with
   * @param max its declared maximum, or -1 when it has none
   * @param shared whether it is declared shared (threads)
   * @param wide whether it has 64-bit addresses (memory64)
   */
  public record MemoryLimits(long initial, long max, boolean shared, boolean wide) {}

  /**
   * The size of a table in elements.
   *
   * @param initial elements it starts with
   * @param max its declared maximum, or -1 when it has none
   */
  public record TableLimits(long initial, long max) {}

  /** Differences reported per component; a validator shows at most 50 per phase anyway. */
  static final int MAX_MISMATCHES = 50;

  // Implementation limits of the WebAssembly JS API (the ones browsers and GraalWasm's JS mode
  // enforce): they bound what one module costs to read, whatever its size.
  static final long MAX_TYPES = 1_000_000;
  static final long MAX_FUNCTIONS = 1_000_000;
  static final long MAX_IMPORTS = 100_000;
  static final long MAX_EXPORTS = 100_000;
  static final long MAX_PARAMS = 1_000;
  static final long MAX_RESULTS = 1_000;
  static final long MAX_TABLES = 100_000;
  static final long MAX_MEMORIES = 100;

  /** Elements all tables the module defines start with. */
  public long initialTableElements() {
    long sum = 0;
    for (TableLimits t : tables) {
      sum += t.initial();
    }
    return sum;
  }

  /**
   * Reads a module's interface.
   *
   * @param what how messages name the module, e.g. {@code component `app`}
   * @throws MosaicException {@link PlanCodes#NOT_WASM} when the bytes are not a core wasm module
   *     this reader understands
   */
  public static WasmInterface read(String what, byte[] wasm) {
    return new Reader(what, wasm).read();
  }

  /**
   * Whether the bytes start with the preamble of a WebAssembly component (component model, layer
   * 1). The plan accepts such a blob without reading it further: the host reads the component and
   * checks its world when it loads the plan (docs/components.md).
   */
  public static boolean isComponent(byte[] wasm) {
    return wasm.length >= 8
        && wasm[0] == 0
        && wasm[1] == 'a'
        && wasm[2] == 's'
        && wasm[3] == 'm'
        && wasm[6] == 1
        && wasm[7] == 0
        && !(wasm[4] == 1 && wasm[5] == 0);
  }

  /**
   * Whether a binding's import or export name is a WIT interface name ({@code ns:pkg/iface} with an
   * optional {@code @version}): such a binding joins a component's imported instance to another
   * component's exported instance, and the host checks its functions' types.
   */
  public static boolean isInterfaceName(String name) {
    int colon = name.indexOf(':');
    int slash = name.indexOf('/');
    return colon > 0 && slash > colon + 1 && slash < name.length() - 1;
  }

  /**
   * The payload of the first custom section called {@code name}, or {@code null} when the module
   * has none. Walks only the section headers, bounded like {@link #read}.
   *
   * @throws MosaicException {@link PlanCodes#NOT_WASM} when the section headers are malformed
   */
  public static byte[] customSection(String what, byte[] wasm, String name) {
    return new Reader(what, wasm).customSection(name);
  }

  /**
   * The differences between this interface and what a plan declares for component {@code c}: {@link
   * PlanCodes#IMPORTS_DIFFER} for imports, {@link PlanCodes#EXPORTS_DIFFER} for exports; an empty
   * list when they agree (order aside).
   */
  public List<Diagnostic> mismatches(Component c) {
    if (otherImports.isEmpty() && imports.equals(c.imports()) && exports.equals(c.exports())) {
      // Same functions in the same order, the case of every plan compiled from its modules:
      // nothing to report, so no message parts are built.
      return List.of();
    }
    List<Diagnostic> out = new ArrayList<>();
    String who = "component `" + c.id() + "`";
    for (String other : otherImports) {
      if (out.size() >= MAX_MISMATCHES) {
        break;
      }
      out.add(
          Diagnostic.of(PlanCodes.IMPORTS_DIFFER, who + "'s module imports a " + other)
              .withHelp(
                  "a component may import functions only; define tables, memories and globals in the module"));
    }
    compare(who, "import", imports, c.imports(), PlanCodes.IMPORTS_DIFFER, out);
    compare(who, "export", exports, c.exports(), PlanCodes.EXPORTS_DIFFER, out);
    return out;
  }

  private static void compare(
      String who,
      String kind,
      List<FunctionDecl> real,
      List<FunctionDecl> declared,
      String code,
      List<Diagnostic> out) {
    if (real.equals(declared)) {
      // Same functions in the same order, the case of every plan compiled from its modules.
      return;
    }
    Map<FunctionDecl, Integer> left = new HashMap<>();
    for (FunctionDecl f : real) {
      left.merge(f, 1, Integer::sum);
    }
    List<FunctionDecl> onlyDeclared = new ArrayList<>();
    for (FunctionDecl f : declared) {
      if (left.merge(f, -1, Integer::sum) < 0) {
        onlyDeclared.add(f);
      }
    }
    List<FunctionDecl> onlyReal = new ArrayList<>();
    for (FunctionDecl f : real) {
      Integer n = left.get(f);
      if (n != null && n > 0) {
        onlyReal.add(f);
        left.put(f, n - 1);
      }
    }
    String help =
        "the plan no longer describes the module it names: compile the script again with this"
            + " module, or name the module the plan was compiled with";
    // Indexed by name, so pairing the two sides is linear, not quadratic, in hostile lists.
    Map<String, List<Integer>> declaredByName = new HashMap<>();
    for (int i = 0; i < onlyDeclared.size(); i++) {
      FunctionDecl d = onlyDeclared.get(i);
      declaredByName.computeIfAbsent(d.module() + "\0" + d.name(), k -> new ArrayList<>()).add(i);
    }
    boolean[] paired = new boolean[onlyDeclared.size()];
    for (FunctionDecl f : onlyReal) {
      if (out.size() >= MAX_MISMATCHES) {
        return;
      }
      List<Integer> sameName = declaredByName.get(f.module() + "\0" + f.name());
      FunctionDecl same = null;
      if (sameName != null && !sameName.isEmpty()) {
        int i = sameName.removeLast();
        paired[i] = true;
        same = onlyDeclared.get(i);
      }
      if (same != null) {
        out.add(
            Diagnostic.of(
                    code,
                    who
                        + "'s module "
                        + kind
                        + "s `"
                        + name(f)
                        + "` with type "
                        + f.type()
                        + ", the plan declares "
                        + same.type())
                .withHelp(help));
      } else {
        out.add(
            Diagnostic.of(
                    code,
                    who
                        + "'s module "
                        + kind
                        + "s `"
                        + name(f)
                        + "` "
                        + f.type()
                        + ", which the plan does not declare")
                .withHelp(help));
      }
    }
    for (int i = 0; i < onlyDeclared.size(); i++) {
      if (out.size() >= MAX_MISMATCHES) {
        return;
      }
      if (paired[i]) {
        continue;
      }
      FunctionDecl f = onlyDeclared.get(i);
      out.add(
          Diagnostic.of(
                  code,
                  "the plan declares "
                      + kind
                      + " `"
                      + name(f)
                      + "` of "
                      + who
                      + ", which its module does not "
                      + kind)
              .withHelp(help));
    }
  }

  private static String name(FunctionDecl f) {
    String text = f.module().isEmpty() ? f.name() : f.module() + "." + f.name();
    return text.length() > 200 ? text.substring(0, 200) + "…" : text;
  }

  /** A cursor over the module's bytes that fails with a coded error instead of overrunning. */
  private static final class Reader {
    private static final int TYPE = 1;
    private static final int IMPORT = 2;
    private static final int FUNCTION = 3;
    private static final int TABLE = 4;
    private static final int MEMORY = 5;
    private static final int EXPORT = 7;
    private static final int LAST_KNOWN_SECTION = 13;
    private static final long MAX_PAGES = 1L << 32;

    private final String what;
    private final byte[] bytes;
    private final CharsetDecoder utf8 =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private int pos;
    private int end;

    private final List<FuncType> types = new ArrayList<>();
    private final List<FuncType> functionTypes = new ArrayList<>();
    private final List<FunctionDecl> imports = new ArrayList<>();
    private final List<String> otherImports = new ArrayList<>();
    private final List<String> exportNames = new ArrayList<>();
    private final List<Long> exportIndices = new ArrayList<>();
    private long memoryPages;
    private final List<MemoryLimits> memories = new ArrayList<>();
    private final List<TableLimits> tables = new ArrayList<>();

    Reader(String what, byte[] bytes) {
      this.what = what;
      this.bytes = bytes;
      this.end = bytes.length;
    }

    byte[] customSection(String wanted) {
      header();
      while (pos < bytes.length) {
        end = bytes.length;
        int id = u8();
        long size = u32();
        if (size > bytes.length - pos) {
          throw fail("section " + id + " claims " + size + " bytes, more than are left");
        }
        int sectionEnd = pos + (int) size;
        if (id == 0) {
          end = sectionEnd;
          String name = name();
          if (name.equals(wanted)) {
            return Arrays.copyOfRange(bytes, pos, sectionEnd);
          }
        }
        pos = sectionEnd;
      }
      return null;
    }

    private void header() {
      if (bytes.length < 8
          || bytes[0] != 0
          || bytes[1] != 'a'
          || bytes[2] != 's'
          || bytes[3] != 'm') {
        throw fail("does not start with the wasm magic `\\0asm`");
      }
      if (bytes[6] == 1 && bytes[7] == 0 && !(bytes[4] == 1 && bytes[5] == 0)) {
        // The layer field says component (version 0x0d, 0x0e ... of the component model).
        throw new MosaicException(
            Diagnostic.of(
                    PlanCodes.COMPONENT_BINARY,
                    what
                        + " is a WebAssembly component (component model) where a core module is"
                        + " required")
                .withHelp(
                    "components run as the blob of a plan component (`component NAME from"
                        + " FILE`, docs/components.md); here give a core module: Rust `--target"
                        + " wasm32-wasip1`, clang `--target=wasm32-wasi`, no `wasm-tools component"
                        + " new`"));
      }
      if (bytes[4] != 1 || bytes[5] != 0 || bytes[6] != 0 || bytes[7] != 0) {
        throw fail("is not a core wasm module of version 1");
      }
      pos = 8;
    }

    WasmInterface read() {
      header();
      boolean[] seen = new boolean[LAST_KNOWN_SECTION + 1];
      while (pos < bytes.length) {
        end = bytes.length;
        int id = u8();
        long size = u32();
        if (size > bytes.length - pos) {
          throw fail("section " + id + " claims " + size + " bytes, more than are left");
        }
        int sectionEnd = pos + (int) size;
        if (id > LAST_KNOWN_SECTION) {
          throw fail("has an unknown section id " + id);
        }
        if (id != 0) {
          if (seen[id]) {
            throw fail("has section " + id + " twice");
          }
          seen[id] = true;
        }
        end = sectionEnd;
        switch (id) {
          case TYPE -> typeSection();
          case IMPORT -> importSection();
          case FUNCTION -> functionSection();
          case TABLE -> tableSection();
          case MEMORY -> memorySection();
          case EXPORT -> exportSection();
          default -> pos = sectionEnd;
        }
        if (pos != sectionEnd) {
          throw fail("section " + id + " does not end where its size says");
        }
      }
      return new WasmInterface(imports, otherImports, exports(), memoryPages, memories, tables);
    }

    private List<FunctionDecl> exports() {
      List<FunctionDecl> out = new ArrayList<>();
      int importedFunctions = imports.size();
      for (int i = 0; i < exportNames.size(); i++) {
        long index = exportIndices.get(i);
        FuncType type;
        if (index < importedFunctions) {
          type = imports.get((int) index).type();
        } else if (index - importedFunctions < functionTypes.size()) {
          type = functionTypes.get((int) (index - importedFunctions));
        } else {
          throw fail(
              "exports `"
                  + clip(exportNames.get(i))
                  + "` as function "
                  + index
                  + ", which does not exist");
        }
        out.add(new FunctionDecl("", exportNames.get(i), type));
      }
      return out;
    }

    private void typeSection() {
      long count = count(MAX_TYPES, "types");
      for (long i = 0; i < count; i++) {
        int form = u8();
        if (form != 0x60) {
          throw fail(
              "has a type of form 0x"
                  + Integer.toHexString(form)
                  + " (only function types are supported)");
        }
        List<String> params = valueTypes(MAX_PARAMS, "parameters");
        List<String> results = valueTypes(MAX_RESULTS, "results");
        types.add(new FuncType(params, results));
      }
    }

    private List<String> valueTypes(long max, String what) {
      long count = count(max, what);
      List<String> out = new ArrayList<>();
      for (long i = 0; i < count; i++) {
        out.add(valueType(u8()));
      }
      return out;
    }

    private String valueType(int b) {
      return switch (b) {
        case 0x7F -> "i32";
        case 0x7E -> "i64";
        case 0x7D -> "f32";
        case 0x7C -> "f64";
        case 0x7B -> "v128";
        case 0x70, 0x6F -> "ref";
        default -> throw fail("has an unsupported value type 0x" + Integer.toHexString(b));
      };
    }

    private void importSection() {
      long count = count(MAX_IMPORTS, "imports");
      for (long i = 0; i < count; i++) {
        String module = name();
        String field = name();
        int kind = u8();
        String where = "`" + clip(module) + "." + clip(field) + "`";
        switch (kind) {
          case 0x00 -> imports.add(new FunctionDecl(module, field, type(u32())));
          case 0x01 -> {
            refType();
            limits(false);
            otherImports.add("table " + where);
          }
          case 0x02 -> {
            limits(true);
            otherImports.add("memory " + where);
          }
          case 0x03 -> {
            valueType(u8());
            int mutability = u8();
            if (mutability > 1) {
              throw fail("has a global import with mutability " + mutability);
            }
            otherImports.add("global " + where);
          }
          case 0x04 -> {
            if (u8() != 0) {
              throw fail("has a tag import with an unknown attribute");
            }
            type(u32());
            otherImports.add("tag " + where);
          }
          default -> throw fail("has an import of unknown kind " + kind);
        }
      }
    }

    private FuncType type(long index) {
      if (index >= types.size()) {
        throw fail("names type " + index + ", which does not exist");
      }
      return types.get((int) index);
    }

    private void functionSection() {
      long count = count(MAX_FUNCTIONS, "functions");
      for (long i = 0; i < count; i++) {
        functionTypes.add(type(u32()));
      }
    }

    private void tableSection() {
      long count = count(MAX_TABLES, "tables");
      for (long i = 0; i < count; i++) {
        int first = peek();
        if (first == 0x40) {
          // A table with an initializer expression (function references); its type follows.
          throw fail("has a table with an initializer, which this host does not support");
        }
        refType();
        long[] minMax = limits(false);
        tables.add(new TableLimits(minMax[0], minMax[1]));
      }
    }

    private void memorySection() {
      long count = count(MAX_MEMORIES, "memories");
      for (long i = 0; i < count; i++) {
        // Saturated at 2^32 pages (the most a 32-bit memory can have), so sums cannot overflow.
        int flags = peek();
        long[] minMax = limits(true);
        memories.add(
            new MemoryLimits(minMax[0], minMax[1], (flags & 0x02) != 0, (flags & 0x04) != 0));
        long pages = minMax[0];
        memoryPages =
            Math.min(MAX_PAGES, memoryPages + (pages < 0 ? MAX_PAGES : Math.min(pages, MAX_PAGES)));
      }
    }

    private void exportSection() {
      long count = count(MAX_EXPORTS, "exports");
      for (long i = 0; i < count; i++) {
        String field = name();
        int kind = u8();
        long index = u32();
        if (kind > 4) {
          throw fail("has an export of unknown kind " + kind);
        }
        if (kind == 0) {
          exportNames.add(field);
          exportIndices.add(index);
        }
      }
    }

    private void refType() {
      int b = u8();
      if (b != 0x70 && b != 0x6F) {
        throw fail("has an unsupported reference type 0x" + Integer.toHexString(b));
      }
    }

    /** Reads limits: their minimum and maximum, -1 for a maximum that is absent. */
    private long[] limits(boolean memory) {
      int flags = u8();
      boolean wide = memory && (flags & 0x04) != 0;
      int allowed = memory ? 0x07 : 0x01;
      if ((flags & ~allowed) != 0) {
        throw fail("has limits with unknown flags 0x" + Integer.toHexString(flags));
      }
      long min = wide ? u64() : u32();
      long max = -1;
      if ((flags & 0x01) != 0) {
        max = wide ? u64() : u32();
        if (Long.compareUnsigned(max, min) < 0) {
          throw fail("has limits whose maximum " + max + " is below their minimum " + min);
        }
      }
      return new long[] {min, max};
    }

    /**
     * A count of entries, each at least one byte: never more than the bytes left, nor than the
     * implementation limit {@code max}.
     */
    private long count(long max, String what) {
      long n = u32();
      if (n > end - pos) {
        throw fail("claims " + n + " entries, more than the " + (end - pos) + " bytes left");
      }
      if (n > max) {
        throw fail("has " + n + " " + what + ", more than the " + max + " a module may have");
      }
      return n;
    }

    private String name() {
      long length = u32();
      if (length > end - pos) {
        throw fail("has a name of " + length + " bytes, more than are left");
      }
      int start = pos;
      pos += (int) length;
      boolean ascii = true;
      for (int i = start; i < pos && ascii; i++) {
        ascii = bytes[i] >= 0;
      }
      if (ascii) {
        return new String(bytes, start, (int) length, StandardCharsets.US_ASCII);
      }
      try {
        return utf8.decode(ByteBuffer.wrap(bytes, start, (int) length)).toString();
      } catch (CharacterCodingException e) {
        throw fail("has a name that is not UTF-8 at byte " + start);
      }
    }

    private int peek() {
      if (pos >= end) {
        throw fail("ends early at byte " + pos);
      }
      return bytes[pos] & 0xFF;
    }

    private int u8() {
      int b = peek();
      pos++;
      return b;
    }

    private long u32() {
      return leb(5, 32);
    }

    private long u64() {
      return leb(10, 64);
    }

    /** An unsigned LEB128 number of at most {@code maxBytes} bytes and {@code bits} bits. */
    private long leb(int maxBytes, int bits) {
      int start = pos;
      long result = 0;
      for (int i = 0; i < maxBytes; i++) {
        int b = u8();
        int shift = 7 * i;
        long payload = b & 0x7F;
        if (shift + 7 > bits && (payload >>> (bits - shift)) != 0) {
          throw fail("has a number at byte " + start + " that overflows " + bits + " bits");
        }
        result |= payload << shift;
        if ((b & 0x80) == 0) {
          return result;
        }
      }
      throw fail("has a number at byte " + start + " longer than " + maxBytes + " bytes");
    }

    private MosaicException fail(String reason) {
      return new MosaicException(
          Diagnostic.of(PlanCodes.NOT_WASM, what + " is not a valid wasm module: it " + reason)
              .withHelp("give a core wasm module (`wat2wasm`, or a compiler's wasm32 target)"));
    }

    private static String clip(String s) {
      return s.length() > 64 ? s.substring(0, 64) + "…" : s;
    }
  }
}
