package dev.mosaic.interpreter.compiler;

import dev.mosaic.dsl.ast.FieldDef;
import dev.mosaic.dsl.ast.FuncDef;
import dev.mosaic.dsl.ast.Item;
import dev.mosaic.dsl.ast.RecordDef;
import dev.mosaic.dsl.ast.Span;
import dev.mosaic.dsl.ast.TypeRef;
import dev.mosaic.interpreter.diag.LangCodes;
import dev.mosaic.interpreter.diag.Problems;
import dev.mosaic.interpreter.diag.Suggest;
import dev.mosaic.interpreter.model.InterfaceModel;
import dev.mosaic.interpreter.model.WitType;
import dev.mosaic.plan.diag.SourceLocation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiler stage: resolves interface declarations to {@link InterfaceModel}s with canonical text
 * and digest. Reports unknown types, duplicate names and recursive records.
 */
final class InterfaceStage {
  private final Problems problems;

  InterfaceStage(Problems problems) {
    this.problems = problems;
  }

  /** Resolves every interface of the script; the result is keyed by name in declaration order. */
  Map<String, InterfaceModel> run(List<Located> items) {
    Map<String, InterfaceModel> out = new LinkedHashMap<>();
    Map<String, SourceLocation> declared = new HashMap<>();
    for (Located located : items) {
      if (located.item() instanceof Item.Interface i) {
        SourceLocation first =
            declared.putIfAbsent(i.name(), Problems.at(located.file(), i.nameSpan()));
        if (first != null || out.containsKey(i.name())) {
          problems.duplicate(
              LangCodes.DUPLICATE_NAME,
              "interface `" + i.name() + "` is declared twice",
              located.file(),
              i.nameSpan(),
              null,
              first);
          continue;
        }
        InterfaceModel model = resolve(located.file(), i);
        if (model != null) {
          out.put(i.name(), model);
        }
      }
    }
    return out;
  }

  /** Resolves one interface, or returns {@code null} after reporting its errors. */
  InterfaceModel resolve(String file, Item.Interface decl) {
    int before = problems.count();
    Map<String, RecordDef> records = new LinkedHashMap<>();
    for (RecordDef r : decl.records()) {
      if (WitType.PRIMITIVES.contains(r.name()) || records.containsKey(r.name())) {
        problems.duplicate(
            LangCodes.DUPLICATE_NAME,
            WitType.PRIMITIVES.contains(r.name())
                ? "record `" + r.name() + "` has the name of a primitive type"
                : "record `" + r.name() + "` is declared twice in interface `" + decl.name() + "`",
            file,
            r.span(),
            null,
            records.containsKey(r.name()) ? Problems.at(file, records.get(r.name()).span()) : null);
        continue;
      }
      records.put(r.name(), r);
      checkUnique(file, "field", r.fields());
    }
    Resolver resolver = new Resolver(file, records);
    List<InterfaceModel.Function> functions = new ArrayList<>();
    Map<String, Span> names = new HashMap<>();
    for (FuncDef f : decl.functions()) {
      Span first = names.putIfAbsent(f.name(), f.span());
      if (first != null) {
        problems.duplicate(
            LangCodes.DUPLICATE_NAME,
            "function `" + f.name() + "` is declared twice in interface `" + decl.name() + "`",
            file,
            f.span(),
            null,
            Problems.at(file, first));
        continue;
      }
      checkUnique(file, "parameter", f.params());
      List<WitType.Field> params = new ArrayList<>();
      for (FieldDef p : f.params()) {
        params.add(new WitType.Field(p.name(), resolver.type(p.type())));
      }
      WitType result = f.result() == null ? null : resolver.type(f.result());
      functions.add(new InterfaceModel.Function(f.name(), params, result));
    }
    // Records nobody uses are still checked, so a typo in one is not silently ignored.
    for (RecordDef r : records.values()) {
      resolver.record(r.name());
    }
    if (problems.count() > before) {
      return null;
    }
    return Canonicalizer.model(decl.name(), functions);
  }

  private void checkUnique(String file, String what, List<FieldDef> fields) {
    Map<String, Span> seen = new HashMap<>();
    for (FieldDef f : fields) {
      Span first = seen.putIfAbsent(f.name(), f.span());
      if (first != null) {
        problems.duplicate(
            LangCodes.DUPLICATE_NAME,
            what + " `" + f.name() + "` is declared twice",
            file,
            f.span(),
            null,
            Problems.at(file, first));
      }
    }
  }

  /** Resolves type references of one interface, records included, detecting recursion. */
  private final class Resolver {
    private final String file;
    private final Map<String, RecordDef> records;
    private final Map<String, WitType> resolved = new LinkedHashMap<>();
    private final Set<String> resolving = new HashSet<>();
    private final Set<String> reported = new HashSet<>();

    Resolver(String file, Map<String, RecordDef> records) {
      this.file = file;
      this.records = records;
    }

    WitType type(TypeRef ref) {
      return switch (ref) {
        case TypeRef.ListOf l -> new WitType.ListOf(type(l.element()));
        case TypeRef.Named n -> {
          if (WitType.PRIMITIVES.contains(n.name())) {
            yield new WitType.Primitive(n.name());
          }
          if (records.containsKey(n.name())) {
            yield record(n.name());
          }
          List<String> candidates = new ArrayList<>(WitType.PRIMITIVES);
          candidates.addAll(records.keySet());
          problems.error(
              LangCodes.UNKNOWN_TYPE,
              "unknown type `" + n.name() + "`",
              file,
              n.span(),
              Suggest.help(n.name(), candidates));
          yield new WitType.Primitive("s32");
        }
      };
    }

    WitType record(String name) {
      WitType done = resolved.get(name);
      if (done != null) {
        return done;
      }
      if (!resolving.add(name)) {
        if (reported.add(name)) {
          problems.error(
              LangCodes.RECURSIVE_TYPE,
              "record `" + name + "` contains itself",
              file,
              records.get(name).span(),
              "a record cannot hold itself, directly or through other records; use a list of ids");
        }
        return new WitType.Primitive("s32");
      }
      RecordDef def = records.get(name);
      List<WitType.Field> fields = new ArrayList<>();
      for (FieldDef f : def.fields()) {
        fields.add(new WitType.Field(f.name(), type(f.type())));
      }
      resolving.remove(name);
      WitType.Record r = new WitType.Record(name, fields);
      resolved.put(name, r);
      return r;
    }
  }
}
