package dev.mosaic.host.component.binary;

import dev.mosaic.host.component.Alias;
import dev.mosaic.host.component.CanonOptions;
import dev.mosaic.host.component.Component;
import dev.mosaic.host.component.ComponentCodes;
import dev.mosaic.host.component.ComponentLimits;
import dev.mosaic.host.component.CoreType;
import dev.mosaic.host.component.CoreValType;
import dev.mosaic.host.component.DefType;
import dev.mosaic.host.component.Definition;
import dev.mosaic.host.component.Definition.SortIndex;
import dev.mosaic.host.component.ExternName;
import dev.mosaic.host.component.ExternType;
import dev.mosaic.host.component.Primitive;
import dev.mosaic.host.component.Sort;
import dev.mosaic.host.component.StringEncoding;
import dev.mosaic.host.component.ValType;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.diag.Diagnostic;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Decodes the component binary format (component-model Binary.md, layer 1, version 0x0d) into a
 * {@link Component}: every section kind, every type constructor of synchronous components, and the
 * names of imports and exports. Hostile input is held to {@link ComponentLimits}; every failure is
 * a {@link MosaicException} with a code of {@link ComponentCodes}.
 *
 * <p>Core modules inside the component are checked for their preamble only and kept as byte ranges:
 * the engine that compiles them validates them. Async functions, streams, futures, error contexts,
 * threads, values, fixed-length lists and maps are refused with {@link ComponentCodes#UNSUPPORTED}.
 */
public final class ComponentReader {
  /** The component binary version this reader understands. */
  public static final int VERSION = 0x0d;

  private static final byte[] MAGIC = {0x00, 0x61, 0x73, 0x6d};

  private final ComponentLimits limits;
  private int sections;
  private int items;
  private int types;

  private ComponentReader(ComponentLimits limits) {
    this.limits = limits;
  }

  /** Reads a component with the default limits. */
  public static Component read(byte[] bytes) {
    return read(bytes, ComponentLimits.DEFAULT);
  }

  /**
   * Reads a component.
   *
   * @throws MosaicException E4210 malformed, E4211 over a limit, E4212 invalid, E4213 unsupported,
   *     E4214 not a component
   */
  public static Component read(byte[] bytes, ComponentLimits limits) {
    if (bytes.length > limits.maxBytes()) {
      throw new MosaicException(
          ComponentCodes.LIMIT,
          "component of "
              + bytes.length
              + " bytes is over the limit of "
              + limits.maxBytes()
              + " bytes");
    }
    try {
      return new ComponentReader(limits).component(new BinaryInput(bytes, 0, bytes.length), 0);
    } catch (StackOverflowError e) {
      // Depth is bounded by maxDepth; this only guards against a limit set far too high.
      throw new MosaicException(ComponentCodes.LIMIT, "component nests too deeply to read");
    }
  }

  /** True when the bytes start with the component preamble of any version. */
  public static boolean isComponent(byte[] bytes) {
    return bytes.length >= 8 && startsWithMagic(bytes, 0) && bytes[6] == 0x01 && bytes[7] == 0x00;
  }

  private static boolean startsWithMagic(byte[] bytes, int at) {
    for (int i = 0; i < MAGIC.length; i++) {
      if (bytes[at + i] != MAGIC[i]) {
        return false;
      }
    }
    return true;
  }

  private Component component(BinaryInput in, int depth) {
    depth(depth, "component");
    preamble(in);
    List<Definition> defs = new ArrayList<>();
    Set<String> importNames = new HashSet<>();
    Set<String> exportNames = new HashSet<>();
    while (!in.atEnd()) {
      if (++sections > limits.maxSections()) {
        throw new MosaicException(
            ComponentCodes.LIMIT, "component has more than " + limits.maxSections() + " sections");
      }
      int sectionStart = in.position();
      int id = in.u8();
      int size = in.u32();
      int oldEnd = in.limit(size, "section " + id + " at byte " + sectionStart);
      switch (id) {
        case 0 -> {
          String name = in.name(limits.maxNameBytes(), "custom section name");
          defs.add(new Definition.Custom(name, in.remaining()));
          in.skip(in.remaining());
        }
        case 1 -> defs.add(coreModule(in));
        case 2 -> vec(in, "core instance", () -> defs.add(coreInstance(in)));
        case 3 ->
            vec(in, "core type", () -> defs.add(new Definition.CoreTypeDef(coreType(in, depth))));
        case 4 -> {
          BinaryInput nested = new BinaryInput(in.bytes(), in.position(), in.end());
          defs.add(new Definition.NestedComponent(component(nested, depth + 1)));
          in.skip(in.remaining());
        }
        case 5 -> vec(in, "instance", () -> defs.add(instance(in)));
        case 6 -> vec(in, "alias", () -> defs.add(alias(in)));
        case 7 -> vec(in, "type", () -> defs.add(new Definition.TypeDef(defType(in, depth))));
        case 8 -> vec(in, "canon", () -> defs.add(canon(in)));
        case 9 -> defs.add(start(in));
        case 10 ->
            vec(
                in,
                "import",
                () -> {
                  ExternName name = externName(in, importNames, "import");
                  defs.add(new Definition.Import(name, externType(in)));
                });
        case 11 -> vec(in, "export", () -> defs.add(export(in, exportNames)));
        case 12 ->
            throw unsupported("value definitions (section 12, the 🪙 value imports feature)");
        default -> throw in.malformed("unknown section id " + id + " at byte " + sectionStart);
      }
      in.restore(oldEnd, "section " + id + " at byte " + sectionStart);
    }
    return new Component(defs);
  }

  private void preamble(BinaryInput in) {
    if (in.remaining() < 8 || !startsWithMagic(in.bytes(), in.position())) {
      throw new MosaicException(
          ComponentCodes.NOT_A_COMPONENT,
          "not a WebAssembly component: the bytes do not start with `\\0asm`");
    }
    in.skip(4);
    int version = in.u8() | in.u8() << 8;
    int layer = in.u8() | in.u8() << 8;
    if (layer == 0) {
      throw new MosaicException(
          Diagnostic.of(
                  ComponentCodes.NOT_A_COMPONENT,
                  "not a WebAssembly component: this is a core wasm module (version "
                      + version
                      + ")")
              .withHelp("core modules run as they are; `jco new` wraps one into a component"));
    }
    if (layer != 1) {
      throw new MosaicException(
          ComponentCodes.NOT_A_COMPONENT,
          "not a WebAssembly component: unknown layer " + layer + " in the preamble");
    }
    if (version != VERSION) {
      throw new MosaicException(
          ComponentCodes.UNSUPPORTED,
          "component binary version 0x"
              + Integer.toHexString(version)
              + " is not supported; this host reads version 0x"
              + Integer.toHexString(VERSION));
    }
  }

  private Definition.CoreModule coreModule(BinaryInput in) {
    int start = in.position();
    int length = in.remaining();
    if (length < 8
        || !startsWithMagic(in.bytes(), start)
        || in.bytes()[start + 4] != 1
        || in.bytes()[start + 5] != 0
        || in.bytes()[start + 6] != 0
        || in.bytes()[start + 7] != 0) {
      throw in.malformed(
          "core module section at byte " + start + " does not hold a core wasm module");
    }
    in.skip(length);
    return new Definition.CoreModule(in.bytes(), start, length);
  }

  private Definition coreInstance(BinaryInput in) {
    int kind = in.u8();
    return switch (kind) {
      case 0x00 -> {
        int module = in.index("core module index");
        List<Definition.CoreArg> args = new ArrayList<>();
        vec(
            in,
            "core instantiate argument",
            () -> {
              String name = in.name(limits.maxNameBytes(), "core instantiate argument name");
              int sort = in.u8();
              if (sort != 0x12) {
                throw invalid("core instantiate argument `" + name + "` must be a core instance");
              }
              args.add(new Definition.CoreArg(name, in.index("core instance index")));
            });
        yield new Definition.CoreInstantiate(module, args);
      }
      case 0x01 -> {
        List<Definition.CoreInlineExport> exports = new ArrayList<>();
        vec(
            in,
            "core inline export",
            () -> {
              String name = in.name(limits.maxNameBytes(), "core export name");
              exports.add(new Definition.CoreInlineExport(name, coreSortIndex(in)));
            });
        yield new Definition.CoreInlineInstance(exports);
      }
      default -> throw in.malformed("unknown core instance kind 0x" + Integer.toHexString(kind));
    };
  }

  private SortIndex coreSortIndex(BinaryInput in) {
    Sort sort = coreSort(in);
    return new SortIndex(sort, in.index(sort + " index"));
  }

  private Sort coreSort(BinaryInput in) {
    int b = in.u8();
    return switch (b) {
      case 0x00 -> Sort.CORE_FUNC;
      case 0x01 -> Sort.CORE_TABLE;
      case 0x02 -> Sort.CORE_MEMORY;
      case 0x03 -> Sort.CORE_GLOBAL;
      case 0x04 -> Sort.CORE_TAG;
      case 0x10 -> Sort.CORE_TYPE;
      case 0x11 -> Sort.CORE_MODULE;
      case 0x12 -> Sort.CORE_INSTANCE;
      default -> throw in.malformed("unknown core sort 0x" + Integer.toHexString(b));
    };
  }

  private Sort sort(BinaryInput in) {
    int b = in.u8();
    return switch (b) {
      case 0x00 -> coreSort(in);
      case 0x01 -> Sort.FUNC;
      case 0x02 -> throw unsupported("value definitions (the 🪙 value imports feature)");
      case 0x03 -> Sort.TYPE;
      case 0x04 -> Sort.COMPONENT;
      case 0x05 -> Sort.INSTANCE;
      default -> throw in.malformed("unknown sort 0x" + Integer.toHexString(b));
    };
  }

  private SortIndex sortIndex(BinaryInput in) {
    Sort sort = sort(in);
    return new SortIndex(sort, in.index(sort + " index"));
  }

  private Definition instance(BinaryInput in) {
    int kind = in.u8();
    return switch (kind) {
      case 0x00 -> {
        int component = in.index("component index");
        List<Definition.Arg> args = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        vec(
            in,
            "instantiate argument",
            () -> {
              String name = in.name(limits.maxNameBytes(), "instantiate argument name");
              if (!seen.add(name)) {
                throw invalid("instantiate argument `" + name + "` is given twice");
              }
              args.add(new Definition.Arg(name, sortIndex(in)));
            });
        yield new Definition.Instantiate(component, args);
      }
      case 0x01 -> {
        List<Definition.InlineExport> exports = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        vec(
            in,
            "inline export",
            () -> {
              ExternName name = externName(in, seen, "instance export");
              exports.add(new Definition.InlineExport(name, sortIndex(in)));
            });
        yield new Definition.InlineInstance(exports);
      }
      default -> throw in.malformed("unknown instance kind 0x" + Integer.toHexString(kind));
    };
  }

  private Definition alias(BinaryInput in) {
    Sort sort = sort(in);
    return new Definition.AliasDef(sort, aliasTarget(in, sort));
  }

  private Alias aliasTarget(BinaryInput in, Sort sort) {
    int kind = in.u8();
    return switch (kind) {
      case 0x00 -> {
        int instance = in.index("instance index");
        yield new Alias.InstanceExport(
            instance, in.name(limits.maxNameBytes(), "aliased export name"));
      }
      case 0x01 -> {
        int instance = in.index("core instance index");
        yield new Alias.CoreInstanceExport(
            instance, in.name(limits.maxNameBytes(), "aliased core export name"));
      }
      case 0x02 -> {
        if (sort != Sort.TYPE
            && sort != Sort.CORE_TYPE
            && sort != Sort.CORE_MODULE
            && sort != Sort.COMPONENT) {
          throw invalid("an outer alias cannot refer to a " + sort);
        }
        int count = in.index("outer alias count");
        yield new Alias.Outer(count, in.index("outer alias index"));
      }
      default -> throw in.malformed("unknown alias kind 0x" + Integer.toHexString(kind));
    };
  }

  private Definition canon(BinaryInput in) {
    int op = in.u8();
    return switch (op) {
      case 0x00 -> {
        expectByte(in, 0x00, "canon lift");
        int coreFunc = in.index("core func index");
        CanonOptions opts = canonOptions(in);
        yield new Definition.CanonLift(coreFunc, opts, in.index("type index"));
      }
      case 0x01 -> {
        expectByte(in, 0x00, "canon lower");
        int func = in.index("func index");
        yield new Definition.CanonLower(func, canonOptions(in));
      }
      case 0x02 -> new Definition.CanonResource(Definition.ResourceOp.NEW, in.index("type index"));
      case 0x03 -> new Definition.CanonResource(Definition.ResourceOp.DROP, in.index("type index"));
      case 0x04 -> new Definition.CanonResource(Definition.ResourceOp.REP, in.index("type index"));
      case 0x05,
          0x06,
          0x07,
          0x08,
          0x09,
          0x0a,
          0x0b,
          0x0c,
          0x0d,
          0x0e,
          0x0f,
          0x10,
          0x11,
          0x12,
          0x13,
          0x14,
          0x15,
          0x16,
          0x17,
          0x18,
          0x19,
          0x1a,
          0x1b,
          0x1f,
          0x20,
          0x21,
          0x22,
          0x23,
          0x24,
          0x25 ->
          throw unsupported(
              "canonical built-in 0x"
                  + Integer.toHexString(op)
                  + " (async tasks, streams, futures and waitables)");
      case 0x1c, 0x1d, 0x1e ->
          throw unsupported(
              "canonical built-in 0x" + Integer.toHexString(op) + " (error contexts)");
      case 0x26, 0x27, 0x28, 0x29, 0x2a, 0x2b, 0x2c, 0x2d, 0x40, 0x41, 0x42 ->
          throw unsupported("canonical built-in 0x" + Integer.toHexString(op) + " (threads)");
      default -> throw in.malformed("unknown canon opcode 0x" + Integer.toHexString(op));
    };
  }

  private CanonOptions canonOptions(BinaryInput in) {
    StringEncoding[] encoding = {null};
    int[] memory = {-1};
    int[] realloc = {-1};
    int[] postReturn = {-1};
    vec(
        in,
        "canon option",
        () -> {
          int opt = in.u8();
          switch (opt) {
            case 0x00, 0x01, 0x02 -> {
              if (encoding[0] != null) {
                throw invalid("canon options name more than one string encoding");
              }
              encoding[0] = StringEncoding.values()[opt];
            }
            case 0x03 -> memory[0] = once(memory[0], in.index("memory index"), "memory");
            case 0x04 -> realloc[0] = once(realloc[0], in.index("func index"), "realloc");
            case 0x05 -> postReturn[0] = once(postReturn[0], in.index("func index"), "post-return");
            case 0x06, 0x07 -> throw unsupported("async canon options (async, callback)");
            default -> throw in.malformed("unknown canon option 0x" + Integer.toHexString(opt));
          }
        });
    return new CanonOptions(
        encoding[0] == null ? StringEncoding.UTF8 : encoding[0],
        memory[0],
        realloc[0],
        postReturn[0]);
  }

  private int once(int old, int value, String what) {
    if (old != -1) {
      throw invalid("canon options name the " + what + " option twice");
    }
    return value;
  }

  private Definition start(BinaryInput in) {
    int func = in.index("func index");
    List<Integer> args = new ArrayList<>();
    vec(in, "start argument", () -> args.add(in.index("value index")));
    int results = in.index("start result count");
    if (!args.isEmpty() || results != 0) {
      throw unsupported("start functions that take or return values (the 🪙 value feature)");
    }
    return new Definition.Start(func, args, results);
  }

  private Definition export(BinaryInput in, Set<String> names) {
    ExternName name = externName(in, names, "export");
    SortIndex item = sortIndex(in);
    ExternType ascribed = null;
    int present = in.u8();
    if (present == 0x01) {
      ascribed = externType(in);
    } else if (present != 0x00) {
      throw in.malformed("expected 0x00 or 0x01 before an export's type");
    }
    return new Definition.Export(name, item, ascribed);
  }

  private ExternName externName(BinaryInput in, Set<String> scope, String what) {
    int kind = in.u8();
    if (kind == 0x02) {
      throw unsupported("name attributes (`implements`, version suffixes, external ids)");
    }
    if (kind != 0x00 && kind != 0x01) {
      throw in.malformed("unknown " + what + " name kind 0x" + Integer.toHexString(kind));
    }
    String text = in.name(limits.maxNameBytes(), what + " name");
    ExternName name = ExternName.parse(text);
    if (!scope.add(text.toLowerCase(Locale.ROOT))) {
      throw invalid(what + " name `" + text + "` is not unique in its scope");
    }
    return name;
  }

  private ExternType externType(BinaryInput in) {
    int kind = in.u8();
    return switch (kind) {
      case 0x00 -> {
        expectByte(in, 0x11, "core module extern type");
        yield new ExternType.CoreModule(in.index("core type index"));
      }
      case 0x01 -> new ExternType.Func(in.index("type index"));
      case 0x02 -> throw unsupported("value imports and exports (the 🪙 value feature)");
      case 0x03 -> {
        int bound = in.u8();
        yield switch (bound) {
          case 0x00 -> new ExternType.TypeEq(in.index("type index"));
          case 0x01 -> new ExternType.TypeSubResource();
          default -> throw in.malformed("unknown type bound 0x" + Integer.toHexString(bound));
        };
      }
      case 0x04 -> new ExternType.Component(in.index("type index"));
      case 0x05 -> new ExternType.Instance(in.index("type index"));
      default -> throw in.malformed("unknown extern type 0x" + Integer.toHexString(kind));
    };
  }

  private CoreType coreType(BinaryInput in, int depth) {
    countType();
    int form = in.u8();
    return switch (form) {
      case 0x60 -> coreFuncType(in);
      case 0x50 -> {
        depth(depth + 1, "core module type");
        List<CoreType.ModuleDecl> decls = new ArrayList<>();
        vec(in, "module declaration", () -> decls.add(moduleDecl(in, depth + 1)));
        yield new CoreType.Module(decls);
      }
      case 0x00, 0x4e, 0x4f, 0x5e, 0x5f ->
          throw unsupported("core types of the GC proposal (rec, sub, struct, array)");
      default -> throw in.malformed("unknown core type form 0x" + Integer.toHexString(form));
    };
  }

  private CoreType.Func coreFuncType(BinaryInput in) {
    List<CoreValType> params = new ArrayList<>();
    vec(in, "core parameter", () -> params.add(coreValType(in)));
    List<CoreValType> results = new ArrayList<>();
    vec(in, "core result", () -> results.add(coreValType(in)));
    return new CoreType.Func(params, results);
  }

  private CoreType.ModuleDecl moduleDecl(BinaryInput in, int depth) {
    int kind = in.u8();
    return switch (kind) {
      case 0x00 -> {
        String module = in.name(limits.maxNameBytes(), "core import module");
        String name = in.name(limits.maxNameBytes(), "core import name");
        yield new CoreType.ImportDecl(module, name, coreExtern(in));
      }
      case 0x01 -> {
        CoreType t = coreType(in, depth);
        if (t instanceof CoreType.Module) {
          throw invalid("a core module type cannot declare a module type");
        }
        yield new CoreType.TypeDecl(t);
      }
      case 0x02 -> {
        expectByte(in, 0x10, "core alias sort");
        expectByte(in, 0x01, "core outer alias");
        int count = in.index("outer alias count");
        yield new CoreType.OuterAliasDecl(count, in.index("outer alias index"));
      }
      case 0x03 -> {
        String name = in.name(limits.maxNameBytes(), "core export name");
        yield new CoreType.ExportDecl(name, coreExtern(in));
      }
      default -> throw in.malformed("unknown module declaration 0x" + Integer.toHexString(kind));
    };
  }

  private CoreType.CoreExtern coreExtern(BinaryInput in) {
    int kind = in.u8();
    return switch (kind) {
      case 0x00 -> new CoreType.FuncExtern(in.index("core type index"));
      case 0x01 -> {
        CoreValType element = coreValType(in);
        if (element != CoreValType.FUNCREF && element != CoreValType.EXTERNREF) {
          throw invalid("a table holds references, not " + element);
        }
        yield new CoreType.TableExtern(element, limits(in, true).limits());
      }
      case 0x02 -> {
        LimitsWithFlags l = limits(in, false);
        yield new CoreType.MemoryExtern(l.limits(), l.shared(), l.wide());
      }
      case 0x03 -> {
        CoreValType t = coreValType(in);
        int mut = in.u8();
        if (mut > 1) {
          throw in.malformed("global mutability must be 0 or 1");
        }
        yield new CoreType.GlobalExtern(t, mut == 1);
      }
      case 0x04 -> {
        expectByte(in, 0x00, "tag attribute");
        yield new CoreType.TagExtern(in.index("core type index"));
      }
      default -> throw in.malformed("unknown core extern kind 0x" + Integer.toHexString(kind));
    };
  }

  private record LimitsWithFlags(CoreType.Limits limits, boolean shared, boolean wide) {}

  private LimitsWithFlags limits(BinaryInput in, boolean table) {
    int flags = in.u8();
    if (flags > (table ? 0x05 : 0x07) || (table && (flags & 0x02) != 0)) {
      throw in.malformed("unknown limits flags 0x" + Integer.toHexString(flags));
    }
    boolean wide = (flags & 0x04) != 0;
    long min = wide ? in.u64() : Integer.toUnsignedLong(in.u32());
    long max = (flags & 0x01) != 0 ? (wide ? in.u64() : Integer.toUnsignedLong(in.u32())) : -1;
    return new LimitsWithFlags(new CoreType.Limits(min, max), (flags & 0x02) != 0, wide);
  }

  private CoreValType coreValType(BinaryInput in) {
    int b = in.u8();
    return switch (b) {
      case 0x7f -> CoreValType.I32;
      case 0x7e -> CoreValType.I64;
      case 0x7d -> CoreValType.F32;
      case 0x7c -> CoreValType.F64;
      case 0x7b -> CoreValType.V128;
      case 0x70 -> CoreValType.FUNCREF;
      case 0x6f -> CoreValType.EXTERNREF;
      case 0x63, 0x64, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x71, 0x72, 0x73, 0x74 ->
          throw unsupported("reference types of the GC proposal in core types");
      default -> throw in.malformed("unknown core value type 0x" + Integer.toHexString(b));
    };
  }

  private DefType defType(BinaryInput in, int depth) {
    countType();
    int form = in.u8();
    return switch (form) {
      case 0x40 -> funcType(in);
      case 0x43 -> throw unsupported("async functions");
      case 0x41 -> new DefType.ComponentType(declarations(in, depth + 1, true));
      case 0x42 -> new DefType.InstanceType(declarations(in, depth + 1, false));
      case 0x3f -> {
        CoreValType rep = coreValType(in);
        if (rep != CoreValType.I32) {
          throw invalid("a resource is represented by an i32, not " + rep);
        }
        Integer dtor = null;
        int present = in.u8();
        if (present == 0x01) {
          dtor = in.index("destructor func index");
        } else if (present != 0x00) {
          throw in.malformed("expected 0x00 or 0x01 before a resource destructor");
        }
        yield new DefType.Resource(rep, dtor);
      }
      case 0x3e -> throw unsupported("async resource destructors");
      default -> defValType(in, form);
    };
  }

  private DefType.Func funcType(BinaryInput in) {
    List<DefType.Field> params = new ArrayList<>();
    Set<String> names = new HashSet<>();
    vec(
        in,
        "parameter",
        () -> {
          String label = label(in, names, "parameter");
          params.add(new DefType.Field(label, valType(in)));
        });
    int results = in.u8();
    ValType result =
        switch (results) {
          case 0x00 -> valType(in);
          case 0x01 -> {
            int n = in.u32();
            if (n != 0) {
              throw unsupported("named function results (removed from the component model)");
            }
            yield null;
          }
          default -> throw in.malformed("unknown result list 0x" + Integer.toHexString(results));
        };
    return new DefType.Func(params, result);
  }

  private List<DefType.Decl> declarations(BinaryInput in, int depth, boolean component) {
    depth(depth, component ? "component type" : "instance type");
    List<DefType.Decl> decls = new ArrayList<>();
    Set<String> imports = new HashSet<>();
    Set<String> exports = new HashSet<>();
    vec(
        in,
        "type declaration",
        () -> {
          int kind = in.u8();
          switch (kind) {
            case 0x00 -> decls.add(new DefType.CoreTypeDecl(coreType(in, depth)));
            case 0x01 -> {
              DefType t = defType(in, depth);
              if (t instanceof DefType.Resource) {
                throw invalid("component and instance types cannot define resources");
              }
              decls.add(new DefType.TypeDecl(t));
            }
            case 0x02 -> {
              Sort sort = sort(in);
              Alias target = aliasTarget(in, sort);
              decls.add(new DefType.AliasDecl(sort, target));
            }
            case 0x03 -> {
              if (!component) {
                throw invalid("an instance type cannot declare imports");
              }
              ExternName name = externName(in, imports, "import");
              decls.add(new DefType.ImportDecl(name, externType(in)));
            }
            case 0x04 -> {
              ExternName name = externName(in, exports, "export");
              decls.add(new DefType.ExportDecl(name, externType(in)));
            }
            default ->
                throw in.malformed("unknown type declaration 0x" + Integer.toHexString(kind));
          }
        });
    return decls;
  }

  private DefType defValType(BinaryInput in, int form) {
    Primitive prim = primitive(form);
    if (prim != null) {
      return new DefType.Prim(prim);
    }
    return switch (form) {
      case 0x72 -> {
        List<DefType.Field> fields = new ArrayList<>();
        Set<String> names = new HashSet<>();
        vec(
            in,
            "record field",
            () -> {
              String label = label(in, names, "record field");
              fields.add(new DefType.Field(label, valType(in)));
            });
        if (fields.isEmpty()) {
          throw invalid("a record needs at least one field");
        }
        yield new DefType.Record(fields);
      }
      case 0x71 -> {
        List<DefType.Case> cases = new ArrayList<>();
        Set<String> names = new HashSet<>();
        vec(
            in,
            "variant case",
            () -> {
              String label = label(in, names, "variant case");
              ValType t = optionalValType(in);
              expectByte(in, 0x00, "variant case end");
              cases.add(new DefType.Case(label, t));
            });
        if (cases.isEmpty()) {
          throw invalid("a variant needs at least one case");
        }
        yield new DefType.Variant(cases);
      }
      case 0x70 -> new DefType.ListOf(valType(in));
      case 0x6f -> {
        List<ValType> ts = new ArrayList<>();
        vec(in, "tuple element", () -> ts.add(valType(in)));
        if (ts.isEmpty()) {
          throw invalid("a tuple needs at least one element");
        }
        yield new DefType.Tuple(ts);
      }
      case 0x6e -> {
        List<String> labels = labels(in, "flag");
        if (labels.isEmpty() || labels.size() > 32) {
          throw invalid("flags need 1 to 32 labels, not " + labels.size());
        }
        yield new DefType.Flags(labels);
      }
      case 0x6d -> {
        List<String> labels = labels(in, "enum case");
        if (labels.isEmpty()) {
          throw invalid("an enum needs at least one case");
        }
        yield new DefType.Enum(labels);
      }
      case 0x6b -> new DefType.Option(valType(in));
      case 0x6a -> {
        ValType ok = optionalValType(in);
        yield new DefType.Result(ok, optionalValType(in));
      }
      case 0x69 -> new DefType.Own(in.index("type index"));
      case 0x68 -> new DefType.Borrow(in.index("type index"));
      case 0x67 -> throw unsupported("fixed-length lists");
      case 0x66 -> throw unsupported("streams (async)");
      case 0x65 -> throw unsupported("futures (async)");
      case 0x64 -> throw unsupported("error contexts");
      case 0x63 -> throw unsupported("maps");
      default -> throw in.malformed("unknown type form 0x" + Integer.toHexString(form));
    };
  }

  private static Primitive primitive(int b) {
    return switch (b) {
      case 0x7f -> Primitive.BOOL;
      case 0x7e -> Primitive.S8;
      case 0x7d -> Primitive.U8;
      case 0x7c -> Primitive.S16;
      case 0x7b -> Primitive.U16;
      case 0x7a -> Primitive.S32;
      case 0x79 -> Primitive.U32;
      case 0x78 -> Primitive.S64;
      case 0x77 -> Primitive.U64;
      case 0x76 -> Primitive.F32;
      case 0x75 -> Primitive.F64;
      case 0x74 -> Primitive.CHAR;
      case 0x73 -> Primitive.STRING;
      default -> null;
    };
  }

  private ValType valType(BinaryInput in) {
    int b = in.peek();
    Primitive prim = primitive(b);
    if (prim != null) {
      in.u8();
      return prim;
    }
    if (b == 0x64) {
      throw unsupported("error contexts");
    }
    long index = in.s33();
    if (index < 0 || index > Integer.MAX_VALUE) {
      throw in.malformed("unknown value type " + index);
    }
    return new ValType.Ref((int) index);
  }

  private ValType optionalValType(BinaryInput in) {
    int present = in.u8();
    return switch (present) {
      case 0x00 -> null;
      case 0x01 -> valType(in);
      default -> throw in.malformed("expected 0x00 or 0x01 before an optional type");
    };
  }

  private List<String> labels(BinaryInput in, String what) {
    List<String> labels = new ArrayList<>();
    Set<String> names = new HashSet<>();
    vec(in, what, () -> labels.add(label(in, names, what)));
    return labels;
  }

  private String label(BinaryInput in, Set<String> scope, String what) {
    String label = in.name(limits.maxNameBytes(), what + " label");
    if (!ExternName.isLabel(label)) {
      throw invalid(what + " label `" + label + "` is not a label");
    }
    if (!scope.add(label.toLowerCase(Locale.ROOT))) {
      throw invalid(what + " label `" + label + "` is not unique");
    }
    return label;
  }

  private void expectByte(BinaryInput in, int expected, String what) {
    int b = in.u8();
    if (b != expected) {
      throw in.malformed(
          what
              + ": expected 0x"
              + Integer.toHexString(expected)
              + ", found 0x"
              + Integer.toHexString(b));
    }
  }

  private void vec(BinaryInput in, String what, Runnable element) {
    int n = in.count(what);
    for (int i = 0; i < n; i++) {
      if (++items > limits.maxItems()) {
        throw new MosaicException(
            ComponentCodes.LIMIT, "component has more than " + limits.maxItems() + " items");
      }
      element.run();
    }
  }

  private void countType() {
    if (++types > limits.maxTypes()) {
      throw new MosaicException(
          ComponentCodes.LIMIT, "component defines more than " + limits.maxTypes() + " types");
    }
  }

  private void depth(int depth, String what) {
    if (depth > limits.maxDepth()) {
      throw new MosaicException(
          ComponentCodes.LIMIT,
          what + " nests deeper than the limit of " + limits.maxDepth() + " levels");
    }
  }

  private static MosaicException invalid(String message) {
    return new MosaicException(ComponentCodes.INVALID, "invalid component: " + message);
  }

  private static MosaicException unsupported(String feature) {
    return new MosaicException(
        ComponentCodes.UNSUPPORTED,
        "component uses " + feature + ", which Mosaic does not support yet");
  }
}
