package dev.mosaic.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads a decoded CBOR tree into plan records. It reports every type error, missing field and
 * unknown field it finds (up to {@link PlanValidator#MAX_DIAGNOSTICS}), each with its path such as
 * {@code $.components[3].digest}; counts are checked against {@link SystemLimits} before the
 * elements are read.
 */
final class PlanReader {
  private static final Set<String> ROOT_FIELDS =
      Set.of("version", "tenant", "components", "bindings", "policy", "limits", "entry");
  private static final Set<String> COMPONENT_FIELDS =
      Set.of("id", "digest", "imports", "exports", "signature");
  private static final Set<String> SIGNATURE_FIELDS = Set.of("verifiers", "keys");
  private static final Set<String> LIMIT_FIELDS = Set.of("components", "memory", "time_ms");

  private final SystemLimits limits;
  private final DiagnosticReport report = new DiagnosticReport(PlanValidator.MAX_DIAGNOSTICS);

  PlanReader(SystemLimits limits) {
    this.limits = limits;
  }

  Plan read(JsonNode root) {
    if (!root.isObject()) {
      throw new MosaicException(
          PlanCodes.WRONG_TYPE, "wrong type at `$`: expected a map, found " + kind(root));
    }
    // The version decides how the rest reads, so it is checked alone and first.
    JsonNode versionNode = root.get("version");
    if (versionNode == null) {
      throw new MosaicException(PlanCodes.MISSING_FIELD, "missing field `version` in `$`");
    }
    if (!versionNode.isIntegralNumber() || !versionNode.canConvertToLong()) {
      throw new MosaicException(
          PlanCodes.WRONG_TYPE,
          "wrong type at `$.version`: expected an integer, found " + kind(versionNode));
    }
    long version = versionNode.longValue();
    if (version != Plan.FORMAT_VERSION) {
      throw new MosaicException(
          Diagnostic.of(PlanCodes.UNSUPPORTED_VERSION, "unsupported plan format version " + version)
              .withHelp("this host reads format version " + Plan.FORMAT_VERSION));
    }
    unknownFields(root, ROOT_FIELDS, "$");
    String tenant = text(field(root, "tenant", "$"), "$.tenant");

    List<Component> components = new ArrayList<>();
    JsonNode comps = array(field(root, "components", "$"), "$.components");
    if (comps != null && comps.size() > limits.maxComponents()) {
      throw new MosaicException(
          Diagnostic.of(
                  PlanCodes.TOO_MANY_COMPONENTS,
                  "plan has "
                      + comps.size()
                      + " components, over the limit of "
                      + limits.maxComponents())
              .withHelp("split the composition or raise the host's SystemLimits"));
    }
    JsonNode binds = array(field(root, "bindings", "$"), "$.bindings");
    if (binds != null && binds.size() > limits.maxBindings()) {
      throw new MosaicException(
          Diagnostic.of(
                  PlanCodes.TOO_MANY_BINDINGS,
                  "plan has "
                      + binds.size()
                      + " bindings, over the limit of "
                      + limits.maxBindings())
              .withHelp("split the composition or raise the host's SystemLimits"));
    }
    if (comps != null) {
      for (int i = 0; i < comps.size(); i++) {
        Component c = component(comps.get(i), "$.components[" + i + "]");
        if (c != null) {
          components.add(c);
        }
      }
    }
    List<Binding> bindings = new ArrayList<>();
    if (binds != null) {
      for (int i = 0; i < binds.size(); i++) {
        List<String> t = texts(binds.get(i), "$.bindings[" + i + "]", 5);
        if (t != null) {
          bindings.add(new Binding(t.get(0), t.get(1), t.get(2), t.get(3), t.get(4)));
        }
      }
    }
    List<PolicyRule> policy = new ArrayList<>();
    JsonNode rules = array(field(root, "policy", "$"), "$.policy");
    if (rules != null) {
      for (int i = 0; i < rules.size(); i++) {
        PolicyRule rule = rule(rules.get(i), "$.policy[" + i + "]");
        if (rule != null) {
          policy.add(rule);
        }
      }
    }
    TenantLimits tenantLimits = limits(field(root, "limits", "$"));
    List<EntryPoint> entryPoints = new ArrayList<>();
    JsonNode entries = array(field(root, "entry", "$"), "$.entry");
    if (entries != null) {
      for (int i = 0; i < entries.size(); i++) {
        List<String> t = texts(entries.get(i), "$.entry[" + i + "]", 2);
        if (t != null) {
          entryPoints.add(new EntryPoint(t.get(0), t.get(1)));
        }
      }
    }
    report.throwIfAny();
    return new Plan((int) version, tenant, components, bindings, policy, tenantLimits, entryPoints);
  }

  private Component component(JsonNode node, String path) {
    if (!isMap(node, path)) {
      return null;
    }
    unknownFields(node, COMPONENT_FIELDS, path);
    String id = text(field(node, "id", path), path + ".id");
    String digest = text(field(node, "digest", path), path + ".digest");
    List<FunctionDecl> imports = functions(field(node, "imports", path), path + ".imports");
    List<FunctionDecl> exports = functions(field(node, "exports", path), path + ".exports");
    SignatureRequirement signature = SignatureRequirement.NONE;
    JsonNode s = node.get("signature");
    if (s != null && isMap(s, path + ".signature")) {
      unknownFields(s, SIGNATURE_FIELDS, path + ".signature");
      List<String> verifiers =
          texts(field(s, "verifiers", path + ".signature"), path + ".signature.verifiers", -1);
      List<String> keys =
          texts(field(s, "keys", path + ".signature"), path + ".signature.keys", -1);
      if (verifiers != null && keys != null) {
        if (verifiers.isEmpty() && keys.isEmpty()) {
          report.add(
              Diagnostic.of(
                      PlanCodes.NOT_CANONICAL,
                      "plan is not in canonical CBOR form: empty `signature` in `" + path + "`")
                  .withHelp("a component without a signature requirement has no `signature`"));
        }
        signature = new SignatureRequirement(verifiers, keys);
      }
    }
    if (id == null || digest == null || imports == null || exports == null) {
      return null;
    }
    return new Component(id, digest, imports, exports, signature);
  }

  private List<FunctionDecl> functions(JsonNode node, String path) {
    if (array(node, path) == null) {
      return null;
    }
    List<FunctionDecl> out = new ArrayList<>(node.size());
    boolean ok = true;
    for (int i = 0; i < node.size(); i++) {
      String p = path + "[" + i + "]";
      JsonNode f = tuple(node.get(i), p, 4);
      if (f == null) {
        ok = false;
        continue;
      }
      String module = text(f.get(0), p + "[0]");
      String name = text(f.get(1), p + "[1]");
      List<String> params = texts(f.get(2), p + "[2]", -1);
      List<String> results = texts(f.get(3), p + "[3]", -1);
      if (module == null || name == null || params == null || results == null) {
        ok = false;
        continue;
      }
      out.add(new FunctionDecl(module, name, new FuncType(params, results)));
    }
    return ok ? out : null;
  }

  private PolicyRule rule(JsonNode node, String path) {
    JsonNode r = tuple(node, path, 4);
    if (r == null) {
      return null;
    }
    String effect = text(r.get(0), path + "[0]");
    String component = text(r.get(1), path + "[1]");
    String capability = text(r.get(2), path + "[2]");
    List<String> patterns = texts(r.get(3), path + "[3]", -1);
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
    if (e == null || component == null || capability == null || patterns == null) {
      return null;
    }
    return new PolicyRule(e, component, capability, patterns);
  }

  private TenantLimits limits(JsonNode node) {
    if (node == null || !isMap(node, "$.limits")) {
      return TenantLimits.DEFAULT;
    }
    unknownFields(node, LIMIT_FIELDS, "$.limits");
    Long components = integer(field(node, "components", "$.limits"), "$.limits.components");
    Long memory = integer(field(node, "memory", "$.limits"), "$.limits.memory");
    Long time = integer(field(node, "time_ms", "$.limits"), "$.limits.time_ms");
    if (components == null || memory == null || time == null) {
      return TenantLimits.DEFAULT;
    }
    if (components < 1 || components > Integer.MAX_VALUE || memory < 1 || time < 1) {
      report.add(
          PlanCodes.WRONG_TYPE,
          "wrong type at `$.limits`: expected positive limits (components at most "
              + Integer.MAX_VALUE
              + ")");
      return TenantLimits.DEFAULT;
    }
    return new TenantLimits(components.intValue(), memory, time);
  }

  private void unknownFields(JsonNode map, Set<String> known, String path) {
    for (Iterator<String> names = map.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        report.add(
            Diagnostic.of(
                    PlanCodes.UNKNOWN_FIELD, "unknown field `" + clip(name) + "` in `" + path + "`")
                .withHelp("format version " + Plan.FORMAT_VERSION + " defines " + sorted(known)));
      }
    }
  }

  private JsonNode field(JsonNode node, String name, String path) {
    JsonNode v = node.get(name);
    if (v == null) {
      report.add(PlanCodes.MISSING_FIELD, "missing field `" + name + "` in `" + path + "`");
    }
    return v;
  }

  private boolean isMap(JsonNode node, String path) {
    if (!node.isObject()) {
      wrongType(path, "a map", node);
      return false;
    }
    return true;
  }

  private JsonNode array(JsonNode node, String path) {
    if (node == null) {
      return null;
    }
    if (!node.isArray()) {
      wrongType(path, "an array", node);
      return null;
    }
    return node;
  }

  private JsonNode tuple(JsonNode node, String path, int size) {
    if (!node.isArray() || node.size() != size) {
      wrongType(path, "an array of " + size, node);
      return null;
    }
    return node;
  }

  private List<String> texts(JsonNode node, String path, int size) {
    if (node == null) {
      return null;
    }
    if (!node.isArray() || (size >= 0 && node.size() != size)) {
      wrongType(path, size >= 0 ? "an array of " + size + " strings" : "an array of strings", node);
      return null;
    }
    List<String> out = new ArrayList<>(node.size());
    boolean ok = true;
    for (int i = 0; i < node.size(); i++) {
      String s = text(node.get(i), path + "[" + i + "]");
      ok &= s != null;
      out.add(s);
    }
    return ok ? out : null;
  }

  private String text(JsonNode node, String path) {
    if (node == null) {
      return null;
    }
    if (!node.isTextual()) {
      wrongType(path, "a text string", node);
      return null;
    }
    return node.textValue();
  }

  private Long integer(JsonNode node, String path) {
    if (node == null) {
      return null;
    }
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      wrongType(path, "an integer", node);
      return null;
    }
    return node.longValue();
  }

  private void wrongType(String path, String expected, JsonNode found) {
    report.add(
        PlanCodes.WRONG_TYPE,
        "wrong type at `" + path + "`: expected " + expected + ", found " + kind(found));
  }

  private static String kind(JsonNode node) {
    if (node.isObject()) {
      return "a map";
    }
    if (node.isArray()) {
      return "an array of " + node.size();
    }
    if (node.isTextual()) {
      return "a text string";
    }
    if (node.isBinary()) {
      return "a byte string";
    }
    if (node.isIntegralNumber()) {
      return "an integer";
    }
    if (node.isBoolean()) {
      return "a boolean";
    }
    return "another item";
  }

  private static String sorted(Set<String> names) {
    return String.join(", ", names.stream().sorted().map(n -> "`" + n + "`").toList());
  }

  static String clip(String s) {
    return s.length() > 64 ? s.substring(0, 64) + "..." : s;
  }
}
