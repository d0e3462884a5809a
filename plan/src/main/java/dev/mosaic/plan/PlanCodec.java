package dev.mosaic.plan;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Encodes plans as canonical CBOR and decodes them back under {@link SystemLimits}. Decoding
 * rejects anything that does not re-encode to the same bytes, so a plan has exactly one encoding
 * and one digest.
 */
public final class PlanCodec {
  static final int MAX_NESTING = 16;
  static final int MAX_STRING = 64 * 1024;

  private final SystemLimits limits;
  private final ObjectMapper mapper;

  public PlanCodec(SystemLimits limits) {
    this.limits = limits;
    CBORFactory factory =
        CBORFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING)
                    .maxStringLength(MAX_STRING)
                    .maxDocumentLength(limits.maxPlanBytes())
                    .maxNumberLength(32)
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    this.mapper = new ObjectMapper(factory);
  }

  public PlanCodec() {
    this(SystemLimits.DEFAULT);
  }

  /** Canonical CBOR bytes of a plan. */
  public byte[] encode(Plan plan) {
    return CanonicalCbor.encode(PlanTree.toTree(plan));
  }

  /** {@code sha256:<hex>} of the plan's canonical encoding. */
  public String digest(Plan plan) {
    return digestOf(encode(plan));
  }

  /** {@code sha256:<hex>} of the given bytes. */
  public static String digestOf(byte[] bytes) {
    try {
      return "sha256:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }

  /**
   * Decodes plan bytes. The size is checked before parsing, nesting and string lengths while
   * parsing; the result must re-encode to the same bytes.
   *
   * @throws MosaicException with E3xxx (schema) or E8001 (plan too large) diagnostics
   */
  public Plan decode(byte[] bytes) {
    if (bytes.length > limits.maxPlanBytes()) {
      throw new MosaicException(
          Diagnostic.of(
              PlanCodes.PLAN_TOO_LARGE,
              "plan is "
                  + bytes.length
                  + " bytes, over the limit of "
                  + limits.maxPlanBytes()
                  + " bytes"));
    }
    JsonNode root;
    try {
      root = mapper.readTree(bytes);
    } catch (StreamConstraintsException e) {
      throw new MosaicException(
          PlanCodes.CBOR_LIMIT,
          "plan exceeds a decoding limit: " + firstLine(e.getOriginalMessage()));
    } catch (IOException | RuntimeException e) {
      throw new MosaicException(PlanCodes.MALFORMED_CBOR, "malformed CBOR: " + describe(e));
    }
    if (root == null || root.isMissingNode()) {
      throw new MosaicException(PlanCodes.MALFORMED_CBOR, "malformed CBOR: empty input");
    }
    Plan plan = new PlanTree.Reader(limits).read(root);
    byte[] again = encode(plan);
    if (!java.util.Arrays.equals(again, bytes)) {
      throw new MosaicException(
          Diagnostic.of(PlanCodes.NOT_CANONICAL, "plan is not in canonical CBOR form")
              .withHelp(
                  "plans use RFC 8949 deterministic encoding: definite lengths, shortest integers,"
                      + " sorted map keys, no unknown fields"));
    }
    return plan;
  }

  private static String describe(Exception e) {
    String message = e.getMessage();
    if (message == null) {
      return e.getClass().getSimpleName();
    }
    return firstLine(message);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "limit exceeded";
    }
    String line = message.lines().findFirst().orElse(message);
    int at = line.indexOf(" at [Source");
    line = at > 0 ? line.substring(0, at) : line;
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
  }

  /** Converts between records and the map tree that is encoded. */
  static final class PlanTree {
    private PlanTree() {}

    static Map<String, Object> toTree(Plan plan) {
      Map<String, Object> m = CanonicalCbor.map();
      m.put("version", plan.formatVersion());
      m.put("tenant", plan.tenant());
      m.put("components", plan.components().stream().map(PlanTree::component).toList());
      m.put("bindings", plan.bindings().stream().map(PlanTree::binding).toList());
      m.put("policy", plan.policy().stream().map(PlanTree::rule).toList());
      Map<String, Object> limits = CanonicalCbor.map();
      limits.put("components", plan.limits().maxComponents());
      limits.put("memory", plan.limits().maxMemoryBytes());
      limits.put("time_ms", plan.limits().maxExecutionMillis());
      m.put("limits", limits);
      m.put(
          "entry",
          plan.entryPoints().stream()
              .map(e -> (Object) List.of(e.component(), e.function()))
              .toList());
      return m;
    }

    private static Object component(Component c) {
      Map<String, Object> m = CanonicalCbor.map();
      m.put("id", c.id());
      m.put("digest", c.digest());
      m.put("imports", c.imports().stream().map(PlanTree::function).toList());
      m.put("exports", c.exports().stream().map(PlanTree::function).toList());
      return m;
    }

    private static Object function(FunctionDecl f) {
      return List.of(f.module(), f.name(), f.type().params(), f.type().results());
    }

    private static Object binding(Binding b) {
      return List.of(b.importer(), b.importModule(), b.importName(), b.exporter(), b.exportName());
    }

    private static Object rule(PolicyRule r) {
      return List.of(
          r.effect().name().toLowerCase(java.util.Locale.ROOT),
          r.component(),
          r.capability(),
          r.patterns());
    }

    /** Reads a decoded tree into records, reporting schema errors with their path. */
    static final class Reader {
      private final SystemLimits limits;

      Reader(SystemLimits limits) {
        this.limits = limits;
      }

      Plan read(JsonNode root) {
        if (!root.isObject()) {
          throw schema("$", "a map");
        }
        long version = integer(field(root, "version"), "$.version");
        if (version != Plan.FORMAT_VERSION) {
          throw new MosaicException(
              Diagnostic.of(
                      PlanCodes.UNSUPPORTED_VERSION, "unsupported plan format version " + version)
                  .withHelp("this host reads format version " + Plan.FORMAT_VERSION));
        }
        String tenant = text(field(root, "tenant"), "$.tenant");
        JsonNode comps = array(field(root, "components"), "$.components");
        if (comps.size() > limits.maxComponents()) {
          throw new MosaicException(
              PlanCodes.TOO_MANY_COMPONENTS,
              "plan has "
                  + comps.size()
                  + " components, over the limit of "
                  + limits.maxComponents());
        }
        List<Component> components = new ArrayList<>(comps.size());
        for (int i = 0; i < comps.size(); i++) {
          components.add(component(comps.get(i), "$.components[" + i + "]"));
        }
        JsonNode binds = array(field(root, "bindings"), "$.bindings");
        if (binds.size() > limits.maxBindings()) {
          throw new MosaicException(
              PlanCodes.TOO_MANY_BINDINGS,
              "plan has " + binds.size() + " bindings, over the limit of " + limits.maxBindings());
        }
        List<Binding> bindings = new ArrayList<>(binds.size());
        for (int i = 0; i < binds.size(); i++) {
          List<String> t = texts(binds.get(i), "$.bindings[" + i + "]", 5);
          bindings.add(new Binding(t.get(0), t.get(1), t.get(2), t.get(3), t.get(4)));
        }
        JsonNode rules = array(field(root, "policy"), "$.policy");
        List<PolicyRule> policy = new ArrayList<>(rules.size());
        for (int i = 0; i < rules.size(); i++) {
          String path = "$.policy[" + i + "]";
          JsonNode r = tuple(rules.get(i), path, 4);
          String effect = text(r.get(0), path + "[0]");
          PolicyRule.Effect e =
              switch (effect) {
                case "allow" -> PolicyRule.Effect.ALLOW;
                case "deny" -> PolicyRule.Effect.DENY;
                default -> throw schema(path + "[0]", "`allow` or `deny`");
              };
          policy.add(
              new PolicyRule(
                  e,
                  text(r.get(1), path + "[1]"),
                  text(r.get(2), path + "[2]"),
                  texts(r.get(3), path + "[3]", -1)));
        }
        JsonNode lim = field(root, "limits");
        if (!lim.isObject()) {
          throw schema("$.limits", "a map");
        }
        long maxComponents = integer(field(lim, "components"), "$.limits.components");
        long memory = integer(field(lim, "memory"), "$.limits.memory");
        long time = integer(field(lim, "time_ms"), "$.limits.time_ms");
        if (maxComponents < 1 || maxComponents > Integer.MAX_VALUE || memory < 1 || time < 1) {
          throw schema("$.limits", "positive limits");
        }
        JsonNode entries = array(field(root, "entry"), "$.entry");
        List<EntryPoint> entryPoints = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
          List<String> t = texts(entries.get(i), "$.entry[" + i + "]", 2);
          entryPoints.add(new EntryPoint(t.get(0), t.get(1)));
        }
        return new Plan(
            (int) version,
            tenant,
            components,
            bindings,
            policy,
            new TenantLimits((int) maxComponents, memory, time),
            entryPoints);
      }

      private Component component(JsonNode node, String path) {
        if (!node.isObject()) {
          throw schema(path, "a map");
        }
        return new Component(
            text(field(node, "id", path), path + ".id"),
            text(field(node, "digest", path), path + ".digest"),
            functions(field(node, "imports", path), path + ".imports"),
            functions(field(node, "exports", path), path + ".exports"));
      }

      private List<FunctionDecl> functions(JsonNode node, String path) {
        array(node, path);
        List<FunctionDecl> out = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
          String p = path + "[" + i + "]";
          JsonNode f = tuple(node.get(i), p, 4);
          out.add(
              new FunctionDecl(
                  text(f.get(0), p + "[0]"),
                  text(f.get(1), p + "[1]"),
                  new FuncType(texts(f.get(2), p + "[2]", -1), texts(f.get(3), p + "[3]", -1))));
        }
        return out;
      }

      private static JsonNode field(JsonNode node, String name) {
        return field(node, name, "$");
      }

      private static JsonNode field(JsonNode node, String name, String path) {
        JsonNode v = node.get(name);
        if (v == null) {
          throw new MosaicException(
              PlanCodes.MISSING_FIELD, "missing field `" + name + "` in " + path);
        }
        return v;
      }

      private static JsonNode array(JsonNode node, String path) {
        if (!node.isArray()) {
          throw schema(path, "an array");
        }
        return node;
      }

      private static JsonNode tuple(JsonNode node, String path, int size) {
        if (!node.isArray() || node.size() != size) {
          throw schema(path, "an array of " + size);
        }
        return node;
      }

      private static List<String> texts(JsonNode node, String path, int size) {
        if (!node.isArray() || (size >= 0 && node.size() != size)) {
          throw schema(
              path, size >= 0 ? "an array of " + size + " strings" : "an array of strings");
        }
        List<String> out = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
          out.add(text(node.get(i), path + "[" + i + "]"));
        }
        return out;
      }

      private static String text(JsonNode node, String path) {
        if (!node.isTextual()) {
          throw schema(path, "a text string");
        }
        return node.textValue();
      }

      private static long integer(JsonNode node, String path) {
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
          throw schema(path, "an integer");
        }
        return node.longValue();
      }

      private static MosaicException schema(String path, String expected) {
        return new MosaicException(
            PlanCodes.WRONG_TYPE, "wrong type at `" + path + "`: expected " + expected);
      }
    }
  }
}
