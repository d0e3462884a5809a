package dev.mosaic.interpreter.wit;

import dev.mosaic.host.component.Primitive;
import dev.mosaic.host.component.VariantValue;
import dev.mosaic.host.component.WitResult;
import dev.mosaic.host.component.WitType;
import dev.mosaic.plan.MosaicException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Values in WAVE, the WebAssembly Value Encoding of wasmtime and wasm-tools ({@code "text"}, {@code
 * [1, 2]}, {@code {x: 1, y: 2}}, {@code some(1)}, {@code none}, {@code ok("x")}, {@code err(e)},
 * {@code %case(payload)}), read against a WIT type into the Java values of the canonical ABI
 * (docs/components.md, "Java values") and printed back from them.
 *
 * <p>Reading is typed: the text is checked against the type as it is read, so a mismatch is
 * reported at the column where it starts (E2041). Input is bounded: at most {@link #MAX_CHARS}
 * characters and {@link #MAX_DEPTH} nested values, so hostile text cannot exhaust the stack.
 */
public final class Wave {
  /** The code of a value that is not WAVE or does not fit its type. */
  public static final String BAD_VALUE = "E2041";

  /** The longest text read, in characters. */
  public static final int MAX_CHARS = 1 << 20;

  /** The deepest nesting of lists, records, variants, options and results. */
  public static final int MAX_DEPTH = 64;

  private final String text;
  private int pos;
  private int depth;

  private Wave(String text) {
    this.text = text;
  }

  /**
   * Reads one value of {@code type} from {@code text}.
   *
   * @throws MosaicException E2041 with the 1-based column when the text is not a value of the type
   */
  public static Object parse(String text, WitType type) {
    if (text.length() > MAX_CHARS) {
      throw new MosaicException(
          BAD_VALUE, "a value is at most " + MAX_CHARS + " characters, got " + text.length());
    }
    Wave w = new Wave(text);
    w.skipSpace();
    Object value = w.value(type);
    w.skipSpace();
    if (w.pos < text.length()) {
      throw w.fail("unexpected `" + w.snippet() + "` after the value");
    }
    return value;
  }

  /** Writes {@code value}, a Java value of {@code type}, in WAVE. */
  public static String print(Object value, WitType type) {
    StringBuilder out = new StringBuilder();
    print(out, value, type, 0);
    return out.toString();
  }

  /** The WIT name of a type, as a diagnostic shows it ({@code list<string>}). */
  public static String typeName(WitType type) {
    return switch (type) {
      case Primitive p -> p.wit();
      case WitType.ListType l -> "list<" + typeName(l.element()) + ">";
      case WitType.TupleType t ->
          "tuple<" + String.join(", ", t.types().stream().map(Wave::typeName).toList()) + ">";
      case WitType.OptionType o -> "option<" + typeName(o.type()) + ">";
      case WitType.ResultType r ->
          r.ok() == null && r.error() == null
              ? "result"
              : "result<"
                  + (r.ok() == null ? "_" : typeName(r.ok()))
                  + (r.error() == null ? "" : ", " + typeName(r.error()))
                  + ">";
      case WitType.RecordType r ->
          "record { "
              + String.join(
                  ", ", r.fields().stream().map(f -> f.name() + ": " + typeName(f.type())).toList())
              + " }";
      case WitType.VariantType v ->
          "variant { "
              + String.join(
                  ", ",
                  v.cases().stream()
                      .map(
                          c ->
                              c.type() == null
                                  ? c.name()
                                  : c.name() + "(" + typeName(c.type()) + ")")
                      .toList())
              + " }";
      case WitType.EnumType e -> "enum { " + String.join(", ", e.names()) + " }";
      case WitType.FlagsType f -> "flags { " + String.join(", ", f.names()) + " }";
      case WitType.OwnType o -> "own<" + o.resource() + ">";
      case WitType.BorrowType b -> "borrow<" + b.resource() + ">";
    };
  }

  // ---- reading ----

  private Object value(WitType type) {
    if (++depth > MAX_DEPTH) {
      throw fail("values nest more than " + MAX_DEPTH + " deep");
    }
    try {
      return switch (type) {
        case Primitive p -> primitive(p);
        case WitType.ListType l -> {
          List<Object> items = new ArrayList<>();
          sequence('[', ']', () -> items.add(value(l.element())), type);
          yield items;
        }
        case WitType.TupleType t -> {
          List<Object> items = new ArrayList<>();
          int start = pos;
          sequence(
              '(',
              ')',
              () -> {
                if (items.size() == t.types().size()) {
                  throw fail("a " + typeName(type) + " has " + t.types().size() + " elements");
                }
                items.add(value(t.types().get(items.size())));
              },
              type);
          if (items.size() != t.types().size()) {
            pos = start;
            throw fail(
                "a "
                    + typeName(type)
                    + " has "
                    + t.types().size()
                    + " elements, got "
                    + items.size());
          }
          yield items;
        }
        case WitType.RecordType r -> record(r);
        case WitType.VariantType v -> variant(v);
        case WitType.EnumType e -> {
          int start = pos;
          String label = label(type);
          if (!e.names().contains(label)) {
            pos = start;
            throw fail("`" + label + "` is not a case of " + typeName(type));
          }
          yield label;
        }
        case WitType.OptionType o -> option(o);
        case WitType.ResultType r -> result(r);
        case WitType.FlagsType f -> flags(f);
        case WitType.OwnType o ->
            throw fail("a resource handle (" + typeName(type) + ") cannot be written as a value");
        case WitType.BorrowType b ->
            throw fail("a resource handle (" + typeName(type) + ") cannot be written as a value");
      };
    } finally {
      depth--;
    }
  }

  private Object primitive(Primitive p) {
    int start = pos;
    return switch (p) {
      case BOOL -> {
        String word = word();
        if (word.equals("true") || word.equals("false")) {
          yield word.equals("true");
        }
        pos = start;
        throw expected("bool", "`true` or `false`");
      }
      case S8, U8, S16, U16, S32, U32, S64, U64 -> integer(p);
      case F32, F64 -> {
        String word = number();
        double d;
        switch (word) {
          case "nan" -> d = Double.NaN;
          case "inf" -> d = Double.POSITIVE_INFINITY;
          case "-inf" -> d = Double.NEGATIVE_INFINITY;
          default -> {
            if (!word.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][-+]?[0-9]+)?")) {
              pos = start;
              throw expected(p.wit(), "a number such as `1.5`, `nan` or `inf`");
            }
            d = Double.parseDouble(word);
          }
        }
        if (p == Primitive.F32) {
          float f = (float) d;
          if (Float.isInfinite(f) && !Double.isInfinite(d)) {
            pos = start;
            throw fail("`" + word + "` is out of range for f32");
          }
          yield f;
        }
        yield d;
      }
      case CHAR -> {
        if (peek() != '\'') {
          throw expected("char", "a character in single quotes, `'a'`");
        }
        pos++;
        StringBuilder sb = new StringBuilder();
        quoted('\'', sb);
        if (sb.codePointCount(0, sb.length()) != 1) {
          pos = start;
          throw fail("a char is one character, got " + sb.codePointCount(0, sb.length()));
        }
        yield sb.toString();
      }
      case STRING -> {
        if (peek() != '"') {
          throw expected("string", "text in double quotes, `\"hello\"`");
        }
        pos++;
        StringBuilder sb = new StringBuilder();
        quoted('"', sb);
        yield sb.toString();
      }
    };
  }

  private Object integer(Primitive p) {
    int start = pos;
    String word = number();
    if (!word.matches("-?(0|[1-9][0-9]*)")) {
      pos = start;
      throw expected(p.wit(), "a whole number");
    }
    BigInteger v = new BigInteger(word);
    boolean signed = p.wit().startsWith("s");
    int bits = Integer.parseInt(p.wit().substring(1));
    BigInteger min = signed ? BigInteger.ONE.shiftLeft(bits - 1).negate() : BigInteger.ZERO;
    BigInteger max =
        signed
            ? BigInteger.ONE.shiftLeft(bits - 1).subtract(BigInteger.ONE)
            : BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
    if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
      pos = start;
      throw fail("`" + word + "` is out of range for " + p.wit() + " (" + min + " to " + max + ")");
    }
    return switch (p) {
      case U32, S64, U64 -> v.longValue();
      default -> v.intValue();
    };
  }

  private Map<String, Object> record(WitType.RecordType r) {
    Map<String, WitType> fields = new LinkedHashMap<>();
    for (WitType.Field f : r.fields()) {
      fields.put(f.name(), f.type());
    }
    Map<String, Object> given = new LinkedHashMap<>();
    int open = pos;
    if (peek() != '{') {
      throw expected(typeName(r), "`{field: value, ...}`");
    }
    pos++;
    skipSpace();
    if (peek() == ':') { // `{:}`, the record whose fields are all omitted options
      pos++;
      skipSpace();
      expect('}');
    } else {
      while (peek() != '}') {
        int at = pos;
        String name = label(r);
        WitType ft = fields.get(name);
        if (ft == null) {
          pos = at;
          throw fail("`" + name + "` is not a field of " + typeName(r));
        }
        if (given.containsKey(name)) {
          pos = at;
          throw fail("field `" + name + "` is given twice");
        }
        skipSpace();
        expect(':');
        skipSpace();
        given.put(name, value(ft));
        skipSpace();
        if (peek() == ',') {
          pos++;
          skipSpace();
        } else if (peek() != '}') {
          throw fail("expected `,` or `}`");
        }
      }
      pos++;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (WitType.Field f : r.fields()) {
      Object v = given.get(f.name());
      if (v == null) {
        if (!(f.type() instanceof WitType.OptionType)) {
          int end = pos;
          pos = open;
          RuntimeException e = fail("field `" + f.name() + "` is missing");
          pos = end;
          throw e;
        }
        v = Optional.empty();
      }
      out.put(f.name(), v);
    }
    return out;
  }

  private VariantValue variant(WitType.VariantType v) {
    int start = pos;
    String name = label(v);
    WitType.Case c = v.cases().stream().filter(k -> k.name().equals(name)).findFirst().orElse(null);
    if (c == null) {
      pos = start;
      throw fail("`" + name + "` is not a case of " + typeName(v));
    }
    return new VariantValue(name, payload(c.type(), name));
  }

  private Optional<Object> option(WitType.OptionType o) {
    int start = pos;
    String name = label(o);
    return switch (name) {
      case "none" -> Optional.empty();
      case "some" -> Optional.of(payload(o.type(), name));
      default -> {
        pos = start;
        throw expected(typeName(o), "`some(...)` or `none`");
      }
    };
  }

  private WitResult result(WitType.ResultType r) {
    int start = pos;
    String name = label(r);
    return switch (name) {
      case "ok" -> WitResult.ok(payload(r.ok(), name));
      case "err" -> WitResult.err(payload(r.error(), name));
      default -> {
        pos = start;
        throw expected(typeName(r), "`ok(...)` or `err(...)`");
      }
    };
  }

  /** The parenthesized payload of a case, or null for a case without one. */
  private Object payload(WitType type, String caseName) {
    skipSpace();
    if (type == null) {
      if (peek() == '(') {
        throw fail("`" + caseName + "` has no payload");
      }
      return null;
    }
    if (peek() != '(') {
      throw fail("`" + caseName + "` needs a payload, `" + caseName + "(...)`");
    }
    pos++;
    skipSpace();
    Object value = value(type);
    skipSpace();
    expect(')');
    return value;
  }

  private Set<String> flags(WitType.FlagsType f) {
    Set<String> set = new LinkedHashSet<>();
    sequence(
        '{',
        '}',
        () -> {
          int at = pos;
          String name = label(f);
          if (!f.names().contains(name)) {
            pos = at;
            throw fail("`" + name + "` is not a flag of " + typeName(f));
          }
          if (!set.add(name)) {
            pos = at;
            throw fail("flag `" + name + "` is given twice");
          }
        },
        f);
    return set;
  }

  private void sequence(char open, char close, Runnable item, WitType type) {
    if (peek() != open) {
      throw expected(typeName(type), "`" + open + "...`" + close + "`");
    }
    pos++;
    skipSpace();
    while (peek() != close) {
      item.run();
      skipSpace();
      if (peek() == ',') {
        pos++;
        skipSpace();
      } else if (peek() != close) {
        throw fail("expected `,` or `" + close + "`");
      }
    }
    pos++;
  }

  /** A label, with the optional {@code %} that WAVE allows before any label. */
  private String label(WitType type) {
    int start = pos;
    if (peek() == '%') {
      pos++;
    }
    int from = pos;
    while (pos < text.length()
        && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '-')
        && text.charAt(pos) < 128) {
      pos++;
    }
    if (pos == from) {
      pos = start;
      throw expected(typeName(type), "a name");
    }
    return text.substring(from, pos);
  }

  private String word() {
    int from = pos;
    while (pos < text.length() && Character.isLetter(text.charAt(pos))) {
      pos++;
    }
    return text.substring(from, pos);
  }

  private String number() {
    int from = pos;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (!(Character.isLetterOrDigit(c) || c == '-' || c == '+' || c == '.') || c >= 128) {
        break;
      }
      pos++;
    }
    return text.substring(from, pos);
  }

  /** The rest of a quoted string or char after its opening quote, with WAVE's escapes. */
  private void quoted(char quote, StringBuilder sb) {
    int open = pos - 1;
    while (true) {
      char c = pos < text.length() ? text.charAt(pos) : '\n';
      if (c == quote) {
        pos++;
        return;
      }
      if (c == '\n' || c == '\r') {
        pos = open; // reported where the text starts, as the script compiler does
        throw fail("the quoted text is not closed on its line");
      }
      if (c != '\\') {
        if (Character.isSurrogate(c)
            && !(Character.isHighSurrogate(c)
                && pos + 1 < text.length()
                && Character.isLowSurrogate(text.charAt(pos + 1)))
            && !(Character.isLowSurrogate(c)
                && pos > 0
                && Character.isHighSurrogate(text.charAt(pos - 1)))) {
          throw fail("an unpaired surrogate is not a character");
        }
        sb.append(c);
        pos++;
        continue;
      }
      int at = pos;
      pos++;
      char e = pos < text.length() ? text.charAt(pos) : 0;
      pos++;
      switch (e) {
        case '\\', '"', '\'' -> sb.append(e);
        case 'n' -> sb.append('\n');
        case 't' -> sb.append('\t');
        case 'r' -> sb.append('\r');
        case 'u' -> {
          int close = text.indexOf('}', pos);
          if (pos >= text.length() || text.charAt(pos) != '{' || close < 0 || close - pos > 7) {
            pos = at;
            throw fail("expected `\\u{hex}`");
          }
          String hex = text.substring(pos + 1, close);
          int cp;
          try {
            cp = hex.isEmpty() ? -1 : Integer.parseInt(hex, 16);
          } catch (NumberFormatException ex) {
            cp = -1;
          }
          if (cp < 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            pos = at;
            throw fail("`\\u{" + hex + "}` is not a Unicode scalar value");
          }
          sb.appendCodePoint(cp);
          pos = close + 1;
        }
        default -> {
          pos = at;
          throw fail(
              "unknown escape; use `\\n`, `\\t`, `\\r`, `\\\\`, `\\\"`, `\\'` or `\\u{hex}`");
        }
      }
    }
  }

  private char peek() {
    return pos < text.length() ? text.charAt(pos) : 0;
  }

  private void expect(char c) {
    if (peek() != c) {
      throw fail("expected `" + c + "`");
    }
    pos++;
  }

  private void skipSpace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private String snippet() {
    int end = Math.min(text.length(), pos + 12);
    return text.substring(pos, end).replaceAll("\\p{Cntrl}", "?");
  }

  private MosaicException expected(String type, String what) {
    return fail(
        "expected "
            + type
            + ", "
            + what
            + (pos < text.length() ? ", got `" + snippet() + "`" : ""));
  }

  private MosaicException fail(String why) {
    return new MosaicException(BAD_VALUE, "value at column " + (pos + 1) + ": " + why);
  }

  // ---- printing ----

  private static void print(StringBuilder out, Object value, WitType type, int depth) {
    if (depth > MAX_DEPTH) {
      throw new MosaicException(BAD_VALUE, "values nest more than " + MAX_DEPTH + " deep");
    }
    switch (type) {
      case Primitive p -> printPrimitive(out, value, p);
      case WitType.ListType l -> printAll(out, '[', ']', (List<?>) value, i -> l.element(), depth);
      case WitType.TupleType t -> printAll(out, '(', ')', (List<?>) value, t.types()::get, depth);
      case WitType.RecordType r -> {
        Map<?, ?> map = (Map<?, ?>) value;
        out.append('{');
        boolean first = true;
        for (WitType.Field f : r.fields()) {
          Object v = map.get(f.name());
          if (v instanceof Optional<?> o && o.isEmpty()) {
            continue; // WAVE leaves out fields that are `none`
          }
          out.append(first ? "" : ", ").append(escapeLabel(f.name())).append(": ");
          print(out, v, f.type(), depth + 1);
          first = false;
        }
        out.append(first ? ":}" : "}");
      }
      case WitType.VariantType v -> {
        VariantValue vv = (VariantValue) value;
        WitType payload =
            v.cases().stream()
                .filter(c -> c.name().equals(vv.caseName()))
                .findFirst()
                .map(WitType.Case::type)
                .orElse(null);
        out.append(escapeLabel(vv.caseName()));
        if (payload != null) {
          out.append('(');
          print(out, vv.payload(), payload, depth + 1);
          out.append(')');
        }
      }
      case WitType.EnumType e -> out.append(escapeLabel((String) value));
      case WitType.OptionType o -> {
        Optional<?> opt = (Optional<?>) value;
        if (opt.isEmpty()) {
          out.append("none");
        } else {
          out.append("some(");
          print(out, opt.get(), o.type(), depth + 1);
          out.append(')');
        }
      }
      case WitType.ResultType r -> {
        boolean ok = value instanceof WitResult.Ok;
        WitType side = ok ? r.ok() : r.error();
        out.append(ok ? "ok" : "err");
        if (side != null) {
          out.append('(');
          print(out, ((WitResult) value).value(), side, depth + 1);
          out.append(')');
        }
      }
      case WitType.FlagsType f -> {
        Set<?> set = (Set<?>) value;
        out.append('{');
        out.append(
            String.join(
                ", ", f.names().stream().filter(set::contains).map(Wave::escapeLabel).toList()));
        out.append('}');
      }
      case WitType.OwnType o -> out.append("<own ").append(o.resource()).append('>');
      case WitType.BorrowType b -> out.append("<borrow ").append(b.resource()).append('>');
    }
  }

  private static void printAll(
      StringBuilder out,
      char open,
      char close,
      List<?> items,
      java.util.function.IntFunction<WitType> typeAt,
      int depth) {
    out.append(open);
    for (int i = 0; i < items.size(); i++) {
      out.append(i == 0 ? "" : ", ");
      print(out, items.get(i), typeAt.apply(i), depth + 1);
    }
    out.append(close);
  }

  private static void printPrimitive(StringBuilder out, Object value, Primitive p) {
    switch (p) {
      case U64 -> out.append(Long.toUnsignedString(((Number) value).longValue()));
      case F32, F64 -> {
        double d = ((Number) value).doubleValue();
        if (Double.isNaN(d)) {
          out.append("nan");
        } else if (Double.isInfinite(d)) {
          out.append(d > 0 ? "inf" : "-inf");
        } else {
          out.append(p == Primitive.F32 ? Float.toString((float) d) : Double.toString(d));
        }
      }
      case CHAR -> quote(out, value.toString(), '\'');
      case STRING -> quote(out, (String) value, '"');
      default -> out.append(value);
    }
  }

  private static void quote(StringBuilder out, String s, char quote) {
    out.append(quote);
    s.codePoints()
        .forEach(
            cp -> {
              switch (cp) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                  if (cp == quote) {
                    out.append('\\').append(quote);
                  } else if (Character.isISOControl(cp)
                      || Character.getType(cp) == Character.FORMAT
                      || Character.getType(cp) == Character.LINE_SEPARATOR
                      || Character.getType(cp) == Character.PARAGRAPH_SEPARATOR) {
                    // Controls and bidirectional overrides are escaped, so printing a value a
                    // guest returned cannot drive the terminal.
                    out.append("\\u{").append(Integer.toHexString(cp)).append('}');
                  } else {
                    out.appendCodePoint(cp);
                  }
                }
              }
            });
    out.append(quote);
  }

  /** WAVE's keywords as labels take a {@code %}: a case named {@code none} prints {@code %none}. */
  private static String escapeLabel(String label) {
    return switch (label) {
      case "true", "false", "some", "none", "ok", "err", "inf", "nan" -> "%" + label;
      default -> label;
    };
  }
}
