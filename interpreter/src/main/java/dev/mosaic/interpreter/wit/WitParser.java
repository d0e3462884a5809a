package dev.mosaic.interpreter.wit;

import dev.mosaic.host.component.ExternName;
import dev.mosaic.host.component.FuncSig;
import dev.mosaic.host.component.Item;
import dev.mosaic.host.component.Primitive;
import dev.mosaic.host.component.ResourceType;
import dev.mosaic.host.component.WitType;
import dev.mosaic.host.component.World;
import dev.mosaic.plan.MosaicException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads WIT text (WIT.md of the component model): a package with its interfaces and worlds, type
 * definitions of every kind ({@code record}, {@code variant}, {@code enum}, {@code flags}, {@code
 * resource} with constructor, methods and static functions, {@code type} aliases), functions,
 * {@code use} between the package's interfaces, and worlds that import and export functions,
 * inline interfaces and the package's interfaces. Types are resolved into the same model the
 * component reader gives ({@link Item}, {@link WitType}), so an interface read from WIT compares
 * with one read from a binary ({@link WitFunctions#same}).
 *
 * <p>Not read: packages other than the file's own (a {@code use} or import of {@code wasi:io/...}
 * is E2044 "not in this file"), {@code include} in worlds, nested {@code package ... { }} blocks,
 * and {@code async} functions. Feature gates ({@code @since}, {@code @unstable}, {@code
 * @deprecated}) are read and ignored.
 *
 * <p>Hostile text is bounded: at most {@link #MAX_CHARS} characters, {@link #MAX_ITEMS}
 * definitions, fields, cases and parameters, and types nested {@link #MAX_DEPTH} deep (E2045); a
 * type that contains itself is E2044, found without recursion past the depth bound.
 */
public final class WitParser {
  /** Malformed or invalid WIT. */
  public static final String MALFORMED = "E2044";

  /** WIT over a limit. */
  public static final String LIMIT = "E2045";

  public static final int MAX_CHARS = 1 << 20;
  public static final int MAX_ITEMS = 100_000;
  public static final int MAX_DEPTH = 64;

  /** A WIT package: its name, interfaces and worlds in order. */
  public record Package(
      String name, Map<String, Item.InstanceItem> interfaces, Map<String, World> worlds) {}

  private record Token(String text, int line, int col) {}

  private final List<Token> tokens = new ArrayList<>();
  private int at;
  private int items;
  private String packageName;
  private String packageVersion;

  // Definitions before resolution: type definitions by interface, resolved on first use.
  private final Map<String, Map<String, TypeDef>> defs = new LinkedHashMap<>();
  private final Map<String, List<FuncDef>> funcs = new LinkedHashMap<>();
  private final Map<String, List<UseDef>> uses = new LinkedHashMap<>();
  private final List<WorldDef> worldDefs = new ArrayList<>();

  private WitParser() {}

  /**
   * Reads one WIT file.
   *
   * @throws MosaicException E2044 when the text is not valid WIT, E2045 when it is over a limit
   */
  public static Package parse(String text) {
    if (text.length() > MAX_CHARS) {
      throw new MosaicException(
          LIMIT, "WIT text is at most " + MAX_CHARS + " characters, got " + text.length());
    }
    WitParser p = new WitParser();
    p.lex(text);
    p.file();
    return p.resolveAll();
  }

  // ---- lexing

  private void lex(String s) {
    int line = 1;
    int lineStart = 0;
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '\n') {
        line++;
        lineStart = i + 1;
        i++;
      } else if (Character.isWhitespace(c)) {
        i++;
      } else if (s.startsWith("//", i)) {
        while (i < s.length() && s.charAt(i) != '\n') {
          i++;
        }
      } else if (s.startsWith("/*", i)) {
        int depth = 0;
        int startLine = line;
        int startCol = i - lineStart + 1;
        do {
          if (i >= s.length()) {
            throw new MosaicException(
                MALFORMED, "WIT " + startLine + ":" + startCol + ": the comment is not closed");
          }
          if (s.startsWith("/*", i)) {
            depth++;
            i += 2;
          } else if (s.startsWith("*/", i)) {
            depth--;
            i += 2;
          } else {
            if (s.charAt(i) == '\n') {
              line++;
              lineStart = i + 1;
            }
            i++;
          }
        } while (depth > 0);
      } else if (s.startsWith("->", i)) {
        add("->", line, i - lineStart + 1);
        i += 2;
      } else if (isWordChar(c) || c == '%') {
        int start = i;
        i++;
        while (i < s.length() && isWordChar(s.charAt(i))) {
          i++;
        }
        add(s.substring(start, i), line, start - lineStart + 1);
      } else if ("{}()<>,:;=./@*_".indexOf(c) >= 0) {
        add(String.valueOf(c), line, i - lineStart + 1);
        i++;
      } else {
        throw new MosaicException(
            MALFORMED,
            "WIT "
                + line
                + ":"
                + (i - lineStart + 1)
                + ": unexpected character `"
                + (Character.isISOControl(c) ? String.format("\\u{%x}", (int) c) : c)
                + "`");
      }
    }
    tokens.add(new Token("", line, s.length() - lineStart + 1));
  }

  private void add(String text, int line, int col) {
    if (tokens.size() > MAX_ITEMS * 8) {
      throw new MosaicException(LIMIT, "WIT has more than " + MAX_ITEMS * 8 + " tokens");
    }
    tokens.add(new Token(text, line, col));
  }

  private static boolean isWordChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
  }

  // ---- parsing

  private sealed interface TypeDef {}

  private record Alias(Ty target) implements TypeDef {}

  private record RecordDef(List<String> names, List<Ty> types) implements TypeDef {}

  private record VariantDef(List<String> names, List<Ty> types) implements TypeDef {}

  private record EnumDef(List<String> names) implements TypeDef {}

  private record FlagsDef(List<String> names) implements TypeDef {}

  private record ResourceDef(ResourceType type) implements TypeDef {}

  /** A type as written: a name with type arguments ({@code list<T>}), or {@code _}. */
  private record Ty(String name, List<Ty> args, Token where) {}

  private record FuncDef(String name, List<String> params, List<Ty> types, Ty result) {}

  private record UseDef(String from, String name, String as, Token where) {}

  private record WorldItem(
      boolean export, String name, String iface, String inlineScope, FuncDef func, Token where) {}

  private record WorldDef(String name, List<WorldItem> items) {}

  private Token peek() {
    return tokens.get(at);
  }

  private boolean is(String text) {
    return peek().text().equals(text);
  }

  private Token next() {
    Token t = tokens.get(at);
    if (at < tokens.size() - 1) {
      at++;
    }
    return t;
  }

  private Token expect(String text) {
    if (!is(text)) {
      throw error(peek(), "expected `" + text + "`" + found());
    }
    return next();
  }

  private String found() {
    return peek().text().isEmpty() ? ", the text ends" : ", found `" + peek().text() + "`";
  }

  private String id() {
    Token t = peek();
    String s = t.text();
    if (s.startsWith("%")) {
      s = s.substring(1);
    }
    if (!ExternName.isLabel(s)) {
      throw error(t, "expected a name" + found());
    }
    next();
    return s;
  }

  private void count() {
    if (++items > MAX_ITEMS) {
      throw new MosaicException(LIMIT, "WIT has more than " + MAX_ITEMS + " definitions");
    }
  }

  private static MosaicException error(Token t, String why) {
    return new MosaicException(MALFORMED, "WIT " + t.line() + ":" + t.col() + ": " + why);
  }

  private void gates() {
    while (is("@")) {
      next();
      id();
      expect("(");
      int depth = 1;
      while (depth > 0) {
        Token t = next();
        if (t.text().isEmpty()) {
          throw error(t, "the feature gate is not closed");
        }
        depth += t.text().equals("(") ? 1 : t.text().equals(")") ? -1 : 0;
      }
    }
  }

  private void file() {
    gates();
    if (is("package")) {
      Token where = next();
      String ns = id();
      expect(":");
      String pkg = id();
      packageName = ns + ":" + pkg;
      if (is("@")) {
        next();
        packageVersion = version();
      }
      if (is("{")) {
        throw error(where, "nested package definitions are not supported");
      }
      expect(";");
    }
    while (!peek().text().isEmpty()) {
      gates();
      Token t = peek();
      switch (t.text()) {
        case "interface" -> {
          next();
          String name = id();
          if (defs.containsKey(name)) {
            throw error(t, "interface `" + name + "` is defined twice");
          }
          interfaceBody(name);
        }
        case "world" -> {
          next();
          world(id());
        }
        case "use" -> throw error(t, "top-level `use` of other packages is not supported");
        default -> throw error(t, "expected `interface` or `world`" + found());
      }
    }
  }

  private String version() {
    StringBuilder v = new StringBuilder(next().text());
    while (is(".") && !tokens.get(at + 1).text().equals("{")) {
      next();
      v.append('.').append(next().text());
    }
    try {
      ExternName.parse("a:b/c@" + v);
    } catch (MosaicException e) {
      throw error(peek(), "`" + v + "` is not a semantic version");
    }
    return v.toString();
  }

  private void interfaceBody(String scope) {
    defs.put(scope, new LinkedHashMap<>());
    funcs.put(scope, new ArrayList<>());
    uses.put(scope, new ArrayList<>());
    expect("{");
    while (!is("}")) {
      gates();
      interfaceItem(scope);
    }
    next();
  }

  private void interfaceItem(String scope) {
    Token t = peek();
    count();
    switch (t.text()) {
      case "use" -> {
        next();
        String from = usePath();
        expect(".");
        expect("{");
        do {
          Token where = peek();
          String name = id();
          String as = name;
          if (is("as")) {
            next();
            as = id();
          }
          count();
          uses.get(scope).add(new UseDef(from, name, as, where));
          define(scope, as, null, where);
        } while (is(",") && next() != null && !is("}"));
        expect("}");
        expect(";");
      }
      case "type" -> {
        next();
        String name = id();
        expect("=");
        define(scope, name, new Alias(ty(0)), t);
        expect(";");
      }
      case "record", "variant", "enum", "flags" -> {
        next();
        String name = id();
        expect("{");
        List<String> names = new ArrayList<>();
        List<Ty> types = new ArrayList<>();
        while (!is("}")) {
          count();
          Token where = peek();
          String label = id();
          if (names.contains(label)) {
            throw error(where, "`" + label + "` is declared twice in `" + name + "`");
          }
          names.add(label);
          if (t.text().equals("record")) {
            expect(":");
            types.add(ty(0));
          } else if (t.text().equals("variant") && is("(")) {
            next();
            types.add(ty(0));
            expect(")");
          } else {
            types.add(null);
          }
          if (!is("}")) {
            expect(",");
          }
        }
        next();
        if (names.isEmpty()) {
          throw error(
              t,
              "`"
                  + name
                  + "` needs at least one "
                  + (t.text().equals("record") ? "field" : "case"));
        }
        if (t.text().equals("flags") && names.size() > 32) {
          throw error(t, "flags `" + name + "` has more than 32 flags");
        }
        define(
            scope,
            name,
            switch (t.text()) {
              case "record" -> new RecordDef(names, types);
              case "variant" -> new VariantDef(names, types);
              case "enum" -> new EnumDef(names);
              default -> new FlagsDef(names);
            },
            t);
      }
      case "resource" -> {
        next();
        String name = id();
        ResourceType type = new ResourceType(name);
        define(scope, name, new ResourceDef(type), t);
        if (is("{")) {
          next();
          while (!is("}")) {
            gates();
            count();
            if (is("constructor")) {
              next();
              FuncDef f = params("[constructor]" + name);
              funcs
                  .get(scope)
                  .add(new FuncDef(f.name(), f.params(), f.types(), new Ty(name, List.of(), t)));
            } else {
              String method = id();
              expect(":");
              boolean isStatic = is("static") && next() != null;
              FuncDef f = funcType((isStatic ? "[static]" : "[method]") + name + "." + method);
              if (!isStatic) {
                List<String> ps = new ArrayList<>(List.of("self"));
                ps.addAll(f.params());
                List<Ty> ts =
                    new ArrayList<>(
                        List.of(new Ty("borrow", List.of(new Ty(name, List.of(), t)), t)));
                ts.addAll(f.types());
                f = new FuncDef(f.name(), ps, ts, f.result());
              }
              funcs.get(scope).add(f);
            }
            expect(";");
          }
          next();
        } else {
          expect(";");
        }
      }
      default -> {
        String name = id();
        expect(":");
        FuncDef f = funcType(name);
        expect(";");
        for (FuncDef other : funcs.get(scope)) {
          if (other.name().equals(name)) {
            throw error(t, "function `" + name + "` is defined twice");
          }
        }
        funcs.get(scope).add(f);
      }
    }
  }

  private String usePath() {
    Token where = peek();
    String first = id();
    if (is(":")) {
      throw error(
          where, "`use` of another package is not supported: only this file's interfaces are read");
    }
    return first;
  }

  private void define(String scope, String name, TypeDef def, Token where) {
    Map<String, TypeDef> scopeDefs = defs.get(scope);
    if (scopeDefs.containsKey(name)) {
      throw error(where, "`" + name + "` is defined twice");
    }
    scopeDefs.put(name, def);
  }

  private FuncDef funcType(String name) {
    if (is("async")) {
      throw error(peek(), "`async` functions are not supported");
    }
    expect("func");
    return params(name);
  }

  private FuncDef params(String name) {
    expect("(");
    List<String> names = new ArrayList<>();
    List<Ty> types = new ArrayList<>();
    while (!is(")")) {
      count();
      Token where = peek();
      String p = id();
      if (names.contains(p)) {
        throw error(where, "parameter `" + p + "` is declared twice");
      }
      names.add(p);
      expect(":");
      types.add(ty(0));
      if (!is(")")) {
        expect(",");
      }
    }
    next();
    Ty result = null;
    if (is("->")) {
      next();
      result = ty(0);
    }
    return new FuncDef(name, names, types, result);
  }

  private Ty ty(int depth) {
    if (depth > MAX_DEPTH) {
      throw new MosaicException(LIMIT, "WIT types nest more than " + MAX_DEPTH + " deep");
    }
    Token t = peek();
    if (is("_")) {
      next();
      return new Ty("_", List.of(), t);
    }
    String name = id();
    List<Ty> args = new ArrayList<>();
    if (is("<")) {
      next();
      while (!is(">")) {
        count();
        args.add(ty(depth + 1));
        if (!is(">")) {
          expect(",");
        }
      }
      next();
    }
    return new Ty(name, args, t);
  }

  private void world(String name) {
    String worldScope = "world " + name;
    defs.put(worldScope, new LinkedHashMap<>());
    funcs.put(worldScope, new ArrayList<>());
    uses.put(worldScope, new ArrayList<>());
    List<WorldItem> out = new ArrayList<>();
    expect("{");
    while (!is("}")) {
      gates();
      Token t = peek();
      count();
      switch (t.text()) {
        case "import", "export" -> {
          next();
          boolean export = t.text().equals("export");
          Token where = peek();
          String first = id();
          if (is(":")
              && !tokens.get(at + 1).text().equals("interface")
              && !tokens.get(at + 1).text().equals("func")) {
            throw error(
                where, "`" + first + ":...`: interfaces of other packages are not supported");
          }
          if (is(":")) {
            next();
            if (is("interface")) {
              next();
              String scope = worldScope + "/" + first;
              interfaceBody(scope);
              out.add(new WorldItem(export, first, null, scope, null, where));
            } else {
              FuncDef f = funcType(first);
              expect(";");
              out.add(new WorldItem(export, first, null, null, f, where));
            }
          } else {
            expect(";");
            out.add(new WorldItem(export, first, first, null, null, where));
          }
        }
        case "include" -> throw error(t, "`include` in worlds is not supported");
        default -> interfaceItem(worldScope);
      }
    }
    next();
    worldDefs.add(new WorldDef(name, out));
  }

  // ---- resolution

  private final Map<String, Map<String, Object>> resolved = new HashMap<>();
  private final Set<String> resolving = new HashSet<>();

  private Package resolveAll() {
    Map<String, Item.InstanceItem> interfaces = new LinkedHashMap<>();
    for (String scope : defs.keySet()) {
      if (!scope.startsWith("world ")) {
        interfaces.put(scope, instance(scope));
      }
    }
    Map<String, World> worlds = new LinkedHashMap<>();
    for (WorldDef w : worldDefs) {
      List<Item.Named> imports = new ArrayList<>();
      List<Item.Named> exports = new ArrayList<>();
      for (WorldItem item : w.items()) {
        Item value;
        ExternName name;
        if (item.func() != null) {
          value = new Item.FuncItem(func(item.func(), "world " + w.name()));
          name = new ExternName.Plain(item.name());
        } else if (item.inlineScope() != null) {
          value = instance(item.inlineScope());
          name = new ExternName.Plain(item.name());
        } else {
          value = interfaces.get(item.iface());
          if (value == null) {
            throw error(item.where(), "unknown interface `" + item.iface() + "`");
          }
          name =
              packageName == null
                  ? new ExternName.Plain(item.iface())
                  : new ExternName.Interface(
                      packageName.substring(0, packageName.indexOf(':')),
                      packageName.substring(packageName.indexOf(':') + 1),
                      item.iface(),
                      packageVersion);
        }
        (item.export() ? exports : imports).add(new Item.Named(name, value));
      }
      worlds.put(w.name(), new World(imports, exports));
    }
    return new Package(
        packageName == null
            ? null
            : packageName + (packageVersion == null ? "" : "@" + packageVersion),
        interfaces,
        worlds);
  }

  private Item.InstanceItem instance(String scope) {
    Map<String, Item> exports = new LinkedHashMap<>();
    for (String name : defs.get(scope).keySet()) {
      Object t = named(scope, name, peek());
      exports.put(
          name,
          t instanceof ResourceType r
              ? new Item.ResourceItem(r)
              : new Item.ValueTypeItem((WitType) t));
    }
    for (FuncDef f : funcs.get(scope)) {
      exports.put(f.name(), new Item.FuncItem(func(f, scope)));
    }
    return new Item.InstanceItem(exports);
  }

  private FuncSig func(FuncDef f, String scope) {
    List<WitType.Field> params = new ArrayList<>();
    for (int i = 0; i < f.params().size(); i++) {
      params.add(new WitType.Field(f.params().get(i), type(f.types().get(i), scope, 0)));
    }
    return new FuncSig(params, f.result() == null ? null : type(f.result(), scope, 0));
  }

  /** A named type of a scope: a {@link WitType} or, for a resource, its {@link ResourceType}. */
  private Object named(String scope, String name, Token where) {
    Map<String, Object> done = resolved.computeIfAbsent(scope, k -> new HashMap<>());
    if (done.containsKey(name)) {
      return done.get(name);
    }
    Map<String, TypeDef> scopeDefs = defs.get(scope);
    if (scopeDefs == null || !scopeDefs.containsKey(name)) {
      throw error(where, "unknown type `" + name + "`");
    }
    String key = scope + "\u0000" + name;
    if (!resolving.add(key)) {
      throw error(where, "type `" + name + "` contains itself");
    }
    if (resolving.size() > MAX_DEPTH) {
      throw new MosaicException(
          LIMIT, "WIT types refer to each other more than " + MAX_DEPTH + " deep");
    }
    TypeDef def = scopeDefs.get(name);
    Object out =
        switch (def) {
          case null -> {
            UseDef use =
                uses.get(scope).stream().filter(u -> u.as().equals(name)).findFirst().orElseThrow();
            if (!defs.containsKey(use.from()) || use.from().startsWith("world ")) {
              throw error(use.where(), "unknown interface `" + use.from() + "`");
            }
            yield named(use.from(), use.name(), use.where());
          }
          case Alias a -> {
            if (a.target().args().isEmpty() && isResource(scope, a.target().name())) {
              yield named(scope, a.target().name(), a.target().where());
            }
            yield type(a.target(), scope, 0);
          }
          case RecordDef r -> {
            List<WitType.Field> fields = new ArrayList<>();
            for (int i = 0; i < r.names().size(); i++) {
              fields.add(new WitType.Field(r.names().get(i), type(r.types().get(i), scope, 0)));
            }
            yield new WitType.RecordType(fields);
          }
          case VariantDef v -> {
            List<WitType.Case> cases = new ArrayList<>();
            for (int i = 0; i < v.names().size(); i++) {
              Ty t = v.types().get(i);
              cases.add(new WitType.Case(v.names().get(i), t == null ? null : type(t, scope, 0)));
            }
            yield new WitType.VariantType(cases);
          }
          case EnumDef e -> new WitType.EnumType(e.names());
          case FlagsDef f -> new WitType.FlagsType(f.names());
          case ResourceDef r -> r.type();
        };
    resolving.remove(key);
    done.put(name, out);
    return out;
  }

  private boolean isResource(String scope, String name) {
    Map<String, TypeDef> scopeDefs = defs.get(scope);
    if (scopeDefs == null || !scopeDefs.containsKey(name)) {
      return false;
    }
    TypeDef def = scopeDefs.get(name);
    if (def instanceof ResourceDef) {
      return true;
    }
    if (def == null) {
      UseDef use =
          uses.get(scope).stream().filter(u -> u.as().equals(name)).findFirst().orElse(null);
      return use != null && isResource(use.from(), use.name());
    }
    return def instanceof Alias a
        && a.target().args().isEmpty()
        && isResource(scope, a.target().name());
  }

  private WitType type(Ty t, String scope, int depth) {
    if (depth > MAX_DEPTH) {
      throw new MosaicException(LIMIT, "WIT types nest more than " + MAX_DEPTH + " deep");
    }
    List<Ty> a = t.args();
    String n = t.name();
    switch (n) {
      case "list", "option" -> {
        arity(t, 1, 1);
        WitType element = type(a.getFirst(), scope, depth + 1);
        return n.equals("list") ? new WitType.ListType(element) : new WitType.OptionType(element);
      }
      case "tuple" -> {
        arity(t, 1, MAX_ITEMS);
        List<WitType> types = new ArrayList<>();
        for (Ty x : a) {
          types.add(type(x, scope, depth + 1));
        }
        return new WitType.TupleType(types);
      }
      case "result" -> {
        arity(t, 0, 2);
        WitType ok =
            a.isEmpty() || a.getFirst().name().equals("_")
                ? null
                : type(a.getFirst(), scope, depth + 1);
        WitType err = a.size() < 2 ? null : type(a.get(1), scope, depth + 1);
        return new WitType.ResultType(ok, err);
      }
      case "borrow", "own" -> {
        arity(t, 1, 1);
        Ty r = a.getFirst();
        if (!r.args().isEmpty() || !isResource(scope, r.name())) {
          throw error(r.where(), "`" + r.name() + "` is not a resource");
        }
        ResourceType resource = (ResourceType) named(scope, r.name(), r.where());
        return n.equals("own") ? new WitType.OwnType(resource) : new WitType.BorrowType(resource);
      }
      default -> {
        if (!a.isEmpty()) {
          throw error(t.where(), "`" + n + "` takes no type arguments");
        }
        for (Primitive p : Primitive.values()) {
          if (p.wit().equals(n)) {
            return p;
          }
        }
        if (n.equals("_")) {
          throw error(t.where(), "`_` stands only for the ok type of a result");
        }
        Object named = named(scope, n, t.where());
        return named instanceof ResourceType r ? new WitType.OwnType(r) : (WitType) named;
      }
    }
  }

  private static void arity(Ty t, int min, int max) {
    if (t.args().size() < min || t.args().size() > max) {
      throw error(
          t.where(),
          "`"
              + t.name()
              + "` takes "
              + (min == max ? min : min + " to " + max)
              + " type arguments, got "
              + t.args().size());
    }
  }
}
