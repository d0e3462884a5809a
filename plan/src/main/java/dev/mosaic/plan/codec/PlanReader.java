package dev.mosaic.plan.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.mosaic.plan.Binding;
import dev.mosaic.plan.Component;
import dev.mosaic.plan.EntryPoint;
import dev.mosaic.plan.FuncType;
import dev.mosaic.plan.FunctionDecl;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.Plan;
import dev.mosaic.plan.PlanValidator;
import dev.mosaic.plan.PolicyRule;
import dev.mosaic.plan.SignatureRequirement;
import dev.mosaic.plan.SystemLimits;
import dev.mosaic.plan.TenantLimits;
import dev.mosaic.plan.WitWorld;
import dev.mosaic.plan.diag.Diagnostic;
import dev.mosaic.plan.diag.Diagnostics;
import dev.mosaic.plan.diag.PlanCodes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads plan records straight from Jackson's CBOR token stream, without building a tree. It reports
 * every type error, missing field and unknown field it finds (up to {@link
 * PlanValidator#MAX_DIAGNOSTICS}), each with its path such as {@code $.components[3].digest}; paths
 * are only built for errors. The version is checked as soon as it is read and alone decides a plan
 * of another version; counts are checked against {@link SystemLimits} before elements are read. The
 * input has already passed {@link CborScanner}, so its structure is well formed.
 */
public final class PlanReader {
  // Required fields in the order missing ones are reported; `signature` and `wit` (last) are
  // optional.
  private static final List<String> ROOT_ORDER =
      List.of("version", "tenant", "components", "bindings", "policy", "limits", "entry");
  private static final List<String> COMPONENT_ORDER =
      List.of("id", "digest", "imports", "exports", "signature", "wit");
  private static final int COMPONENT_REQUIRED = (1 << 4) - 1;
  private static final List<String> WIT_ORDER = List.of("imports", "exports");
  private static final Set<String> WIT_FIELDS = Set.copyOf(WIT_ORDER);
  private static final List<String> SIGNATURE_ORDER = List.of("verifiers", "keys");
  private static final List<String> LIMIT_ORDER = List.of("components", "memory", "time_ms");
  private static final Set<String> ROOT_FIELDS = Set.copyOf(ROOT_ORDER);
  private static final Set<String> COMPONENT_FIELDS = Set.copyOf(COMPONENT_ORDER);
  private static final Set<String> SIGNATURE_FIELDS = Set.copyOf(SIGNATURE_ORDER);

  private final SystemLimits limits;
  private final JsonParser p;
  private final Diagnostics report = new Diagnostics(PlanValidator.MAX_DIAGNOSTICS);
  private final Map<FuncType, FuncType> types = new HashMap<>();

  public PlanReader(SystemLimits limits, JsonParser parser) {
    this.limits = limits;
    this.p = parser;
  }

  public Plan read() throws IOException {
    JsonToken t = p.nextToken();
    if (t != JsonToken.START_OBJECT) {
      throw new MosaicException(
          PlanCodes.WRONG_TYPE, "wrong type at `$`: expected a map, found " + kind(t));
    }
    Long version = null;
    String tenant = null;
    List<Component> components = null;
    List<Binding> bindings = null;
    List<PolicyRule> policy = null;
    TenantLimits tenantLimits = null;
    List<EntryPoint> entries = null;
    int seen = 0;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      seen |= bit(name, ROOT_ORDER);
      JsonToken value = p.nextToken();
      // Canonical key order puts `version` before `bindings` and `components`, the large parts.
      if (version == null && (name.equals("bindings") || name.equals("components"))) {
        throw new MosaicException(PlanCodes.MISSING_FIELD, "missing field `version` in `$`");
      }
      switch (name) {
        case "version" -> {
          version = version(value);
        }
        case "tenant" -> tenant = text(value, () -> "$.tenant");
        case "components" -> components = components(value);
        case "bindings" -> bindings = bindings(value);
        case "policy" -> policy = policy(value);
        case "limits" -> tenantLimits = limits(value);
        case "entry" -> entries = entries(value);
        default -> {
          unknownField(name, "$", ROOT_FIELDS);
          p.skipChildren();
        }
      }
    }
    if (version == null) {
      throw new MosaicException(PlanCodes.MISSING_FIELD, "missing field `version` in `$`");
    }
    missingFields(seen, ROOT_ORDER, "$");
    report.throwIfAny();
    return new Plan(
        version.intValue(), tenant, components, bindings, policy, tenantLimits, entries);
  }

  private long version(JsonToken value) throws IOException {
    if (value != JsonToken.VALUE_NUMBER_INT
        || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
      throw new MosaicException(
          PlanCodes.WRONG_TYPE,
          "wrong type at `$.version`: expected an integer, found " + kind(value));
    }
    long version = p.getLongValue();
    if (version != Plan.FORMAT_VERSION) {
      throw new MosaicException(
          Diagnostic.of(PlanCodes.UNSUPPORTED_VERSION, "unsupported plan format version " + version)
              .withHelp("this host reads format version " + Plan.FORMAT_VERSION));
    }
    return version;
  }

  // ------------------------------------------------------------------ components

  private List<Component> components(JsonToken value) throws IOException {
    if (!isArray(value, "$.components")) {
      return null;
    }
    // CBOR arrays carry their length, so the count is known before any element is read.
    int declared = declaredLength();
    if (declared > limits.maxComponents()) {
      throw new MosaicException(
          Diagnostic.of(
                  PlanCodes.TOO_MANY_COMPONENTS,
                  "plan has "
                      + declared
                      + " components, over the limit of "
                      + limits.maxComponents())
              .withHelp("split the composition or raise the host's SystemLimits"));
    }
    List<Component> out = new ArrayList<>(Math.max(declared, 0));
    int i = 0;
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken(), i++) {
      Component c = component(t, i);
      if (c != null) {
        out.add(c);
      }
    }
    return out;
  }

  private Component component(JsonToken value, int index) throws IOException {
    if (value != JsonToken.START_OBJECT) {
      wrongType(componentPath(index), "a map", value);
      p.skipChildren();
      return null;
    }
    String id = null;
    String digest = null;
    List<FunctionDecl> imports = null;
    List<FunctionDecl> exports = null;
    SignatureRequirement signature = SignatureRequirement.NONE;
    WitWorld wit = WitWorld.NONE;
    boolean ok = true;
    int seen = 0;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      seen |= bit(name, COMPONENT_ORDER);
      JsonToken t = p.nextToken();
      switch (name) {
        case "id" -> id = text(t, () -> componentPath(index) + ".id");
        case "digest" -> digest = text(t, () -> componentPath(index) + ".digest");
        case "imports" -> imports = functions(t, index, ".imports");
        case "exports" -> exports = functions(t, index, ".exports");
        case "signature" -> {
          signature = signature(t, index);
          ok &= signature != null;
        }
        case "wit" -> {
          wit = wit(t, index);
          ok &= wit != null;
        }
        default -> {
          unknownField(name, componentPath(index), COMPONENT_FIELDS);
          p.skipChildren();
        }
      }
    }
    if ((seen & COMPONENT_REQUIRED) != COMPONENT_REQUIRED) {
      missingFields(seen | ~COMPONENT_REQUIRED, COMPONENT_ORDER, componentPath(index));
    }
    if (!ok || id == null || digest == null || imports == null || exports == null) {
      return null;
    }
    return new Component(id, digest, imports, exports, signature, wit);
  }

  /** {@code {"imports": [text...], "exports": [text...]}}, both present, not both empty. */
  private WitWorld wit(JsonToken value, int index) throws IOException {
    String path = componentPath(index) + ".wit";
    if (value != JsonToken.START_OBJECT) {
      wrongType(path, "a map", value);
      p.skipChildren();
      return null;
    }
    List<String> imports = null;
    List<String> exports = null;
    int seen = 0;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      seen |= bit(name, WIT_ORDER);
      JsonToken t = p.nextToken();
      switch (name) {
        case "imports" -> imports = texts(t, () -> path + ".imports", -1);
        case "exports" -> exports = texts(t, () -> path + ".exports", -1);
        default -> {
          unknownField(name, path, WIT_FIELDS);
          p.skipChildren();
        }
      }
    }
    if (seen != (1 << WIT_ORDER.size()) - 1) {
      missingFields(seen, WIT_ORDER, path);
      return null;
    }
    if (imports == null || exports == null) {
      return null;
    }
    if (imports.isEmpty() && exports.isEmpty()) {
      // Nothing to say has one encoding: no `wit` at all.
      report.add(
          Diagnostic.of(
                  PlanCodes.NOT_CANONICAL,
                  "plan is not in canonical CBOR form: empty `wit` in `"
                      + componentPath(index)
                      + "`")
              .withHelp("a component without WIT imports and exports has no `wit`"));
      return null;
    }
    return new WitWorld(imports, exports);
  }

  private SignatureRequirement signature(JsonToken value, int index) throws IOException {
    String path = componentPath(index) + ".signature";
    if (value != JsonToken.START_OBJECT) {
      wrongType(path, "a map", value);
      p.skipChildren();
      return null;
    }
    List<String> verifiers = null;
    List<String> keys = null;
    int seen = 0;
    int fields = 0;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      fields++;
      seen |= bit(name, SIGNATURE_ORDER);
      JsonToken t = p.nextToken();
      switch (name) {
        case "verifiers" -> verifiers = texts(t, () -> path + ".verifiers", -1);
        case "keys" -> keys = texts(t, () -> path + ".keys", -1);
        default -> {
          unknownField(name, path, SIGNATURE_FIELDS);
          p.skipChildren();
        }
      }
    }
    if (fields == 0) {
      // `{}` says "no requirement" in a second way; the one encoding of that omits `signature`.
      report.add(emptySignature(index));
      return null;
    }
    missingFields(seen, SIGNATURE_ORDER, path);
    if (verifiers == null || keys == null) {
      return null;
    }
    if (verifiers.isEmpty() && keys.isEmpty()) {
      report.add(emptySignature(index));
      return null;
    }
    return new SignatureRequirement(verifiers, keys);
  }

  private static Diagnostic emptySignature(int index) {
    return Diagnostic.of(
            PlanCodes.NOT_CANONICAL,
            "plan is not in canonical CBOR form: empty `signature` in `"
                + componentPath(index)
                + "`")
        .withHelp("a component without a signature requirement has no `signature`");
  }

  private List<FunctionDecl> functions(JsonToken value, int component, String field)
      throws IOException {
    if (value != JsonToken.START_ARRAY) {
      wrongType(componentPath(component) + field, "an array", value);
      p.skipChildren();
      return null;
    }
    List<FunctionDecl> out = new ArrayList<>(Math.max(declaredLength(), 0));
    boolean ok = true;
    int i = 0;
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken(), i++) {
      FunctionDecl f = function(t, component, field, i);
      ok &= f != null;
      out.add(f);
    }
    return ok ? out : null;
  }

  private FunctionDecl function(JsonToken value, int component, String field, int index)
      throws IOException {
    // Paths are built only for errors, and the lambdas that build them are made only where they
    // are needed: a maximal plan has tens of thousands of functions.
    if (value != JsonToken.START_ARRAY || declaredLength() != 4) {
      wrongType(functionPath(component, field, index), "an array of 4", value);
      p.skipChildren();
      return null;
    }
    String module = p.nextTextValue();
    if (module == null) {
      module = text(p.currentToken(), () -> functionPath(component, field, index) + "[0]");
    }
    String name = p.nextTextValue();
    if (name == null) {
      name = text(p.currentToken(), () -> functionPath(component, field, index) + "[1]");
    }
    List<String> params =
        texts(p.nextToken(), () -> functionPath(component, field, index) + "[2]", -1, true);
    List<String> results =
        texts(p.nextToken(), () -> functionPath(component, field, index) + "[3]", -1, true);
    p.nextToken(); // END_ARRAY
    if (module == null || name == null || params == null || results == null) {
      return null;
    }
    // Few distinct types recur across a plan's functions: one instance each keeps the decoded plan
    // small and lets later type comparisons meet the same object. Bounded by the plan's size.
    FuncType type = new FuncType(params, results);
    FuncType earlier = types.putIfAbsent(type, type);
    return new FunctionDecl(module, name, earlier == null ? type : earlier);
  }

  // ------------------------------------------------------------------ bindings, policy, entry

  private List<Binding> bindings(JsonToken value) throws IOException {
    if (!isArray(value, "$.bindings")) {
      return null;
    }
    int declared = declaredLength();
    if (declared > limits.maxBindings()) {
      throw new MosaicException(
          Diagnostic.of(
                  PlanCodes.TOO_MANY_BINDINGS,
                  "plan has " + declared + " bindings, over the limit of " + limits.maxBindings())
              .withHelp("split the composition or raise the host's SystemLimits"));
    }
    List<Binding> out = new ArrayList<>(Math.max(declared, 0));
    int i = 0;
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken(), i++) {
      int index = i;
      String[] s = textArray(t, () -> "$.bindings[" + index + "]", 5, false);
      if (s != null) {
        out.add(new Binding(s[0], s[1], s[2], s[3], s[4]));
      }
    }
    return out;
  }

  private List<PolicyRule> policy(JsonToken value) throws IOException {
    if (!isArray(value, "$.policy")) {
      return null;
    }
    List<PolicyRule> out = new ArrayList<>();
    int i = 0;
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken(), i++) {
      String path = "$.policy[" + i + "]";
      if (t != JsonToken.START_ARRAY || declaredLength() != 4) {
        wrongType(path, "an array of 4", t);
        p.skipChildren();
        continue;
      }
      String effect = text(p.nextToken(), () -> path + "[0]");
      String component = text(p.nextToken(), () -> path + "[1]");
      String capability = text(p.nextToken(), () -> path + "[2]");
      List<String> patterns = texts(p.nextToken(), () -> path + "[3]", -1);
      p.nextToken(); // END_ARRAY
      PolicyRule.Effect e = null;
      if ("allow".equals(effect)) {
        e = PolicyRule.Effect.ALLOW;
      } else if ("deny".equals(effect)) {
        e = PolicyRule.Effect.DENY;
      } else if (effect != null) {
        report.add(
            PlanCodes.BAD_POLICY_RULE,
            "policy rule at `" + path + "` has effect `" + clip(effect) + "`, not allow or deny");
      }
      if (e != null && component != null && capability != null && patterns != null) {
        out.add(new PolicyRule(e, component, capability, patterns));
      }
    }
    return out;
  }

  private List<EntryPoint> entries(JsonToken value) throws IOException {
    if (!isArray(value, "$.entry")) {
      return null;
    }
    List<EntryPoint> out = new ArrayList<>();
    int i = 0;
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken(), i++) {
      String path = "$.entry[" + i + "]";
      List<String> s = texts(t, () -> path, 2);
      if (s != null) {
        out.add(new EntryPoint(s.get(0), s.get(1)));
      }
    }
    return out;
  }

  private TenantLimits limits(JsonToken value) throws IOException {
    if (value != JsonToken.START_OBJECT) {
      wrongType("$.limits", "a map", value);
      p.skipChildren();
      return null;
    }
    Long components = null;
    Long memory = null;
    Long time = null;
    int seen = 0;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      seen |= bit(name, LIMIT_ORDER);
      JsonToken t = p.nextToken();
      switch (name) {
        case "components" -> components = integer(t, "$.limits.components");
        case "memory" -> memory = integer(t, "$.limits.memory");
        case "time_ms" -> time = integer(t, "$.limits.time_ms");
        default -> {
          unknownField(name, "$.limits", Set.copyOf(LIMIT_ORDER));
          p.skipChildren();
        }
      }
    }
    missingFields(seen, LIMIT_ORDER, "$.limits");
    if (components == null || memory == null || time == null) {
      return null;
    }
    if (components < 1 || components > Integer.MAX_VALUE || memory < 1 || time < 1) {
      report.add(
          PlanCodes.WRONG_TYPE,
          "wrong type at `$.limits`: expected positive limits (components at most "
              + Integer.MAX_VALUE
              + ")");
      return null;
    }
    return new TenantLimits(components.intValue(), memory, time);
  }

  // ------------------------------------------------------------------ values

  /** Reads a text value; the path is built only for an error. */
  private String text(JsonToken value, Supplier<String> path) throws IOException {
    if (value == JsonToken.VALUE_STRING) {
      return p.getText();
    }
    wrongType(path.get(), "a text string", value);
    p.skipChildren();
    return null;
  }

  private List<String> texts(JsonToken value, Supplier<String> path, int size) throws IOException {
    return texts(value, path, size, false);
  }

  private List<String> texts(JsonToken value, Supplier<String> path, int size, boolean valueTypes)
      throws IOException {
    String[] out = textArray(value, path, size, valueTypes);
    return out == null ? null : List.of(out);
  }

  /** An array of texts, or null after reporting what is wrong with it. */
  private String[] textArray(JsonToken value, Supplier<String> path, int size, boolean valueTypes)
      throws IOException {
    if (value != JsonToken.START_ARRAY) {
      wrongType(
          path.get(),
          size >= 0 ? "an array of " + size + " strings" : "an array of strings",
          value);
      p.skipChildren();
      return null;
    }
    int declared = declaredLength();
    if (size >= 0 && declared != size) {
      report.add(
          PlanCodes.WRONG_TYPE,
          "wrong type at `"
              + path.get()
              + "`: expected an array of "
              + size
              + " strings, found an array of "
              + declared);
      p.skipChildren();
      return null;
    }
    String[] out = new String[Math.max(declared, 0)];
    boolean ok = true;
    int i = 0;
    // nextTextValue reads a text element in one call, without a separate token step.
    for (String s = p.nextTextValue(); ; s = p.nextTextValue(), i++) {
      if (s == null) {
        JsonToken t = p.currentToken();
        if (t == JsonToken.END_ARRAY) {
          break;
        }
        if (t == null) {
          // Not reached after the scanner; ends the loop rather than reading past the input.
          wrongType(path.get(), "an array of strings", null);
          return null;
        }
        int index = i;
        text(t, () -> path.get() + "[" + index + "]");
        ok = false;
      } else {
        if (i == out.length) {
          // Not reached: the scanner proved the header's count is the number of elements.
          out = Arrays.copyOf(out, Math.max(4, 2 * i));
        }
        out[i] = valueTypes ? valueType(s) : s;
      }
    }
    if (!ok) {
      return null;
    }
    return i == out.length ? out : Arrays.copyOf(out, i);
  }

  /**
   * The shared constant for the wasm value types {@code i32}, {@code i64}, {@code f32} and {@code
   * f64}, else the text itself: a maximal plan holds tens of thousands of them, and with one
   * instance each, comparing two function types (bindings phase, module interface check) mostly
   * compares references instead of the bytes of strings spread over the heap.
   */
  private static String valueType(String s) {
    if (s.length() != 3) {
      return s;
    }
    char kind = s.charAt(0);
    char a = s.charAt(1);
    char b = s.charAt(2);
    boolean bits32 = a == '3' && b == '2';
    if (!bits32 && !(a == '6' && b == '4')) {
      return s;
    }
    return switch (kind) {
      case 'i' -> bits32 ? "i32" : "i64";
      case 'f' -> bits32 ? "f32" : "f64";
      default -> s;
    };
  }

  private Long integer(JsonToken value, String path) throws IOException {
    if (value == JsonToken.VALUE_NUMBER_INT
        && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
      return p.getLongValue();
    }
    wrongType(path, "an integer", value);
    p.skipChildren();
    return null;
  }

  private boolean isArray(JsonToken value, String path) throws IOException {
    if (value == JsonToken.START_ARRAY) {
      return true;
    }
    wrongType(path, "an array", value);
    p.skipChildren();
    return false;
  }

  /** The element count a CBOR array header declared (the scanner checked it is definite). */
  private int declaredLength() {
    Object context = p.getParsingContext();
    if (context instanceof com.fasterxml.jackson.dataformat.cbor.CBORReadContext c) {
      return c.getExpectedLength();
    }
    return -1;
  }

  private void unknownField(String name, String path, Set<String> known) {
    report.add(
        Diagnostic.of(
                PlanCodes.UNKNOWN_FIELD, "unknown field `" + clip(name) + "` in `" + path + "`")
            .withHelp(
                "format version "
                    + Plan.FORMAT_VERSION
                    + " defines "
                    + String.join(", ", known.stream().sorted().map(n -> "`" + n + "`").toList())));
  }

  private static int bit(String name, List<String> fields) {
    int i = fields.indexOf(name);
    return i < 0 ? 0 : 1 << i;
  }

  /** Reports every field of {@code fields} whose bit is not in {@code seen}. */
  private void missingFields(int seen, List<String> fields, String path) {
    for (int i = 0; i < fields.size(); i++) {
      if ((seen & 1 << i) == 0) {
        report.add(
            PlanCodes.MISSING_FIELD, "missing field `" + fields.get(i) + "` in `" + path + "`");
      }
    }
  }

  private void wrongType(String path, String expected, JsonToken found) {
    report.add(
        PlanCodes.WRONG_TYPE,
        "wrong type at `" + path + "`: expected " + expected + ", found " + kind(found));
  }

  private String kind(JsonToken t) {
    if (t == null) {
      return "nothing";
    }
    return switch (t) {
      case START_OBJECT -> "a map";
      case START_ARRAY -> "an array of " + declaredLength();
      case VALUE_STRING -> "a text string";
      case VALUE_EMBEDDED_OBJECT -> "a byte string";
      case VALUE_NUMBER_INT ->
          bigInteger() ? "an integer outside the signed 64-bit range" : "an integer";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      default -> "another item";
    };
  }

  /** Whether the current integer does not fit in a long (CBOR holds up to 2^64 - 1 and -2^64). */
  private boolean bigInteger() {
    try {
      return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER;
    } catch (IOException e) {
      return false;
    }
  }

  private static String functionPath(int component, String field, int index) {
    return componentPath(component) + field + "[" + index + "]";
  }

  private static String componentPath(int index) {
    return "$.components[" + index + "]";
  }

  public static String clip(String s) {
    return s.length() > 64 ? s.substring(0, 64) + "..." : s;
  }
}
