package dev.mosaic.plan.rules;

import dev.mosaic.plan.Binding;
import dev.mosaic.plan.Capabilities;
import dev.mosaic.plan.FunctionDecl;
import dev.mosaic.plan.PlanValidator;
import dev.mosaic.plan.PolicyRule;
import dev.mosaic.plan.SignatureRequirement;
import dev.mosaic.plan.SystemLimits;
import dev.mosaic.plan.TenantLimits;
import dev.mosaic.plan.codec.CborScanner;
import dev.mosaic.plan.codec.PlanReader;
import dev.mosaic.plan.diag.Diagnostic;
import dev.mosaic.plan.diag.PlanCodes;
import dev.mosaic.plan.store.FileBlobStore;
import dev.mosaic.plan.wasm.RuntimeImports;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rules a plan must follow, one function per rule, each returning its diagnostics without a
 * location. {@link PlanValidator} applies them to a plan; the compiler applies the same functions
 * to a script while it still knows where each name, limit and binding was written, so a script that
 * compiles gives a plan that validates, and a script that breaks a rule is told where.
 */
public final class PlanRules {
  /** Longest string a plan may hold, in UTF-8 bytes (E8005). */
  public static final int MAX_STRING_BYTES = CborScanner.MAX_STRING_BYTES;

  private PlanRules() {}

  /** E3011 when {@code tenant} is not a valid tenant name. */
  public static Optional<Diagnostic> tenantName(String tenant) {
    if (FileBlobStore.isTenant(tenant)) {
      return Optional.empty();
    }
    return Optional.of(
        Diagnostic.of(PlanCodes.INVALID_NAME, "invalid tenant name `" + clip(tenant) + "`")
            .withHelp("a tenant name is 1-64 letters, digits, `.`, `_` or `-`, without `..`"));
  }

  /** E3011 when {@code id} is not a valid component id. */
  public static Optional<Diagnostic> componentId(String id) {
    if (isComponentId(id)) {
      return Optional.empty();
    }
    return Optional.of(
        Diagnostic.of(PlanCodes.INVALID_NAME, "invalid component id `" + clip(id) + "`")
            .withHelp(
                "an id starts with a letter or `_` and has at most 128 letters, digits, `_`, `.`"
                    + " or `-`"));
  }

  /** {@code [A-Za-z_][A-Za-z0-9_.-]{0,127}}, checked without a matcher per component. */
  static boolean isComponentId(String id) {
    int n = id.length();
    if (n == 0 || n > 128) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = id.charAt(i);
      boolean letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
      if (!letter && (i == 0 || !((c >= '0' && c <= '9') || c == '.' || c == '-'))) {
        return false;
      }
    }
    return true;
  }

  /** E3007 when a component's digest is not {@code sha256:} and 64 lowercase hex digits. */
  public static Optional<Diagnostic> digest(String id, String digest) {
    if (FileBlobStore.isDigest(digest)) {
      return Optional.empty();
    }
    return Optional.of(
        Diagnostic.of(
                PlanCodes.BAD_DIGEST,
                "component `" + clip(id) + "` has a malformed digest `" + clip(digest) + "`")
            .withHelp("a digest is `sha256:` followed by 64 lowercase hex digits"));
  }

  /** E8005 when {@code value} is longer than a plan's strings may be. */
  public static Optional<Diagnostic> stringLength(String what, String value) {
    // A UTF-8 byte is at least a char's worth of length; count only when it could matter.
    if (value.length() * 3L <= MAX_STRING_BYTES) {
      return Optional.empty();
    }
    int bytes = value.getBytes(StandardCharsets.UTF_8).length;
    if (bytes <= MAX_STRING_BYTES) {
      return Optional.empty();
    }
    return Optional.of(
        Diagnostic.of(
                PlanCodes.STRING_TOO_LONG,
                what + " is " + bytes + " bytes, over the limit of " + MAX_STRING_BYTES)
            .withHelp("shorten it"));
  }

  /** E3014 for every value type of {@code functions} that is not i32, i64, f32 or f64. */
  public static List<Diagnostic> valueTypes(String componentId, List<FunctionDecl> functions) {
    List<Diagnostic> out = null;
    for (FunctionDecl f : functions) {
      out = badValueTypes(componentId, f, f.type().params(), out);
      out = badValueTypes(componentId, f, f.type().results(), out);
    }
    return out == null ? List.of() : out;
  }

  // The list is made only when a type is bad: a maximal plan has tens of thousands of functions.
  private static List<Diagnostic> badValueTypes(
      String componentId, FunctionDecl f, List<String> types, List<Diagnostic> out) {
    for (String t : types) {
      if (!isValueType(t)) {
        if (out == null) {
          out = new ArrayList<>();
        }
        out.add(
            Diagnostic.of(
                    PlanCodes.BAD_VALUE_TYPE,
                    "function `"
                        + clip(f.name())
                        + "` of component `"
                        + clip(componentId)
                        + "` has unknown value type `"
                        + clip(t)
                        + "`")
                .withHelp("value types are i32, i64, f32 and f64"));
      }
    }
    return out;
  }

  /** i32, i64, f32 or f64, without hashing: a maximal plan has tens of thousands of types. */
  static boolean isValueType(String t) {
    if (t.length() != 3) {
      return false;
    }
    char kind = t.charAt(0);
    char a = t.charAt(1);
    char b = t.charAt(2);
    return (kind == 'i' || kind == 'f') && ((a == '3' && b == '2') || (a == '6' && b == '4'));
  }

  /** E3012 for a signature requirement without a verifier, or with an empty verifier or key. */
  public static List<Diagnostic> signatureRequirement(String componentId, SignatureRequirement s) {
    List<Diagnostic> out = new ArrayList<>();
    if (!s.required() && !s.trustedKeys().isEmpty()) {
      out.add(
          Diagnostic.of(
                  PlanCodes.BAD_SIGNATURE_REQUIREMENT,
                  "signature requirement of component `"
                      + clip(componentId)
                      + "` names no verifier")
              .withHelp("name at least one verifier, e.g. `cosign`, `pgp` or `x509`"));
    }
    for (String v : s.verifiers()) {
      if (v.isBlank()) {
        out.add(
            Diagnostic.of(
                PlanCodes.BAD_SIGNATURE_REQUIREMENT,
                "signature requirement of component `"
                    + clip(componentId)
                    + "` has an empty verifier"));
      }
    }
    for (String k : s.trustedKeys()) {
      if (k.isBlank()) {
        out.add(
            Diagnostic.of(
                PlanCodes.BAD_SIGNATURE_REQUIREMENT,
                "signature requirement of component `" + clip(componentId) + "` has an empty key"));
      }
    }
    return out;
  }

  /** E7002 when a policy rule names a capability this version does not know. */
  public static Optional<Diagnostic> ruleCapability(PolicyRule rule) {
    if (Capabilities.KNOWN.contains(rule.capability())) {
      return Optional.empty();
    }
    return Optional.of(
        Diagnostic.of(
                PlanCodes.UNKNOWN_CAPABILITY,
                "policy names unknown capability `" + clip(rule.capability()) + "`")
            .withHelp("known capabilities: " + String.join(", ", Capabilities.KNOWN)));
  }

  /**
   * E3013 when a pattern of a policy rule is empty (it would match nothing a guest can ask for);
   * E7119 when a secret pattern is not a canonical secret name or name pattern.
   */
  public static Optional<Diagnostic> rulePattern(PolicyRule rule, String pattern) {
    if (!pattern.isEmpty()) {
      return rule.capability().equals("secret") && !SecretNameRules.validPattern(pattern)
          ? Optional.of(SecretNameRules.problem(pattern, "secret pattern"))
          : Optional.empty();
    }
    return Optional.of(
        Diagnostic.of(
                PlanCodes.BAD_POLICY_RULE,
                "policy rule for `"
                    + clip(rule.component())
                    + " "
                    + clip(rule.capability())
                    + "` has an empty pattern")
            .withHelp("drop the empty pattern; a rule without patterns covers every parameter"));
  }

  /** E8002 when a plan has more components than the host allows. */
  public static Optional<Diagnostic> componentCount(int components, SystemLimits limits) {
    if (components <= limits.maxComponents()) {
      return Optional.empty();
    }
    return Optional.of(
        Diagnostic.of(
            PlanCodes.TOO_MANY_COMPONENTS,
            "plan has " + components + " components, over the limit of " + limits.maxComponents()));
  }

  /** E8003 when a plan has more bindings than the host allows. */
  public static Optional<Diagnostic> bindingCount(int bindings, SystemLimits limits) {
    if (bindings <= limits.maxBindings()) {
      return Optional.empty();
    }
    return Optional.of(
        Diagnostic.of(
            PlanCodes.TOO_MANY_BINDINGS,
            "plan has " + bindings + " bindings, over the limit of " + limits.maxBindings()));
  }

  /** E8007 when a plan has more components than its own tenant limit. */
  public static Optional<Diagnostic> tenantComponents(int components, TenantLimits asked) {
    if (components <= asked.maxComponents()) {
      return Optional.empty();
    }
    return Optional.of(
        Diagnostic.of(
                PlanCodes.OVER_TENANT_COMPONENTS,
                "plan has "
                    + components
                    + " components, over its tenant limit of "
                    + asked.maxComponents())
            .withHelp("raise `max-components` or remove components"));
  }

  /** E8006 when a plan asks for more memory than the host has in total. */
  public static Optional<Diagnostic> tenantMemory(TenantLimits asked, SystemLimits limits) {
    if (asked.maxMemoryBytes() <= limits.maxTotalMemoryBytes()) {
      return Optional.empty();
    }
    return Optional.of(
        Diagnostic.of(
                PlanCodes.TENANT_LIMIT_EXCEEDED,
                "plan asks for "
                    + asked.maxMemoryBytes()
                    + " bytes of memory, over the host's total of "
                    + limits.maxTotalMemoryBytes())
            .withHelp("lower `max-memory` in the tenant block"));
  }

  /**
   * E7003 when an import is a WASI function the host never links, E7002 when it names a host
   * capability this version does not know; empty for bound imports and known capabilities.
   */
  public static Optional<Diagnostic> importKind(String componentId, FunctionDecl imp) {
    if (imp.isWasi() && !Capabilities.wasiAllowed(imp.name())) {
      return Optional.of(
          Diagnostic.of(
                  PlanCodes.WASI_REFUSED,
                  "component `"
                      + clip(componentId)
                      + "` imports WASI function `"
                      + clip(imp.name())
                      + "`, which the host does not provide")
              .withHelp("WASI sockets are refused; reach the network through `http`"));
    }
    if (imp.isCapability() && !Capabilities.KNOWN.contains(imp.capability())) {
      return Optional.of(
          Diagnostic.of(
                  PlanCodes.UNKNOWN_CAPABILITY,
                  "component `"
                      + clip(componentId)
                      + "` imports unknown capability `"
                      + clip(imp.name())
                      + "`")
              .withHelp("known capabilities: " + String.join(", ", Capabilities.KNOWN)));
    }
    return Optional.empty();
  }

  /**
   * E7001 when the policy's {@code decision} for {@code capability} of {@code componentId} is not
   * to allow it; the help names the rule that would. Empty when it is allowed.
   */
  public static Optional<Diagnostic> notGranted(
      String componentId, String capability, PolicyEngine.Decision decision) {
    if (decision.allowed()) {
      return Optional.empty();
    }
    return Optional.of(
        Diagnostic.of(
                PlanCodes.CAPABILITY_NOT_GRANTED,
                "capability `" + capability + "` is not granted to component `" + componentId + "`")
            .withHelp("add `allow " + componentId + " " + capability + "` to the policy"));
  }

  /** E6008 when a binding targets a capability import, which only the host provides. */
  public static Optional<Diagnostic> bindsCapability(
      String importer, FunctionDecl imp, String exporter, String exportName) {
    if (!imp.isCapability() && !imp.isWasi()) {
      return Optional.empty();
    }
    return Optional.of(
        Diagnostic.of(
                PlanCodes.BINDS_CAPABILITY,
                "binding targets capability import `"
                    + clip(importer)
                    + "."
                    + clip(imp.module())
                    + "."
                    + clip(imp.name())
                    + "`")
            .withHelp(
                "capabilities come from the host, not from `"
                    + clip(exporter)
                    + (exportName == null ? "" : "." + clip(exportName))
                    + "`: grant it in the policy instead, e.g. `allow "
                    + clip(importer)
                    + " "
                    + (imp.capability() == null ? Capabilities.WASI_CAPABILITY : imp.capability())
                    + "`"));
  }

  /** E6004: a non-capability import that no binding provides. */
  public static Diagnostic danglingImport(String componentId, FunctionDecl imp) {
    Diagnostic d =
        Diagnostic.of(
            PlanCodes.DANGLING_IMPORT,
            "import `"
                + clip(imp.module())
                + "."
                + clip(imp.name())
                + "` of component `"
                + clip(componentId)
                + "` is not bound");
    String help = RuntimeImports.help(imp.module(), imp.name());
    return help == null ? d : d.withHelp(help);
  }

  /**
   * A finding of the graph rules with the components it concerns: the path of a cycle (first
   * component repeated at the end), the deepest component of a chain that is too deep, or the
   * disconnected component.
   */
  public record GraphFinding(Diagnostic diagnostic, List<String> components) {
    public GraphFinding {
      components = List.copyOf(components);
    }
  }

  /**
   * The graph rules (E5xxx) over components and bindings; edges run from importer to exporter.
   * Bindings naming unknown components are ignored here (the bindings rules report them).
   *
   * @param ids component ids in plan order
   * @param bindings the plan's bindings
   * @param entryComponents components that host an entry point; when empty, no component is
   *     disconnected (the plan is driven by its script)
   * @param maxDepth most components on a chain of bindings
   */
  public static List<GraphFinding> graph(
      List<String> ids, List<Binding> bindings, Set<String> entryComponents, int maxDepth) {
    List<GraphFinding> findings = new ArrayList<>();
    int n = ids.size();
    Map<String, Integer> index = new HashMap<>(n * 2);
    for (int i = 0; i < n; i++) {
      index.put(ids.get(i), i);
    }
    int[][] edges = edges(bindings, index);
    boolean[] touched = new boolean[n];
    for (Binding b : bindings) {
      Integer from = index.get(b.importer());
      Integer to = index.get(b.exporter());
      if (from != null && to != null) {
        touched[from] = true;
        touched[to] = true;
      }
    }

    // Iterative DFS: colors find cycles, memoized heights give the depth; no recursion.
    byte[] color = new byte[n];
    int[] height = new int[n];
    int[] stack = new int[n];
    int[] next = new int[n];
    int[] positionOnStack = new int[n];
    Arrays.fill(positionOnStack, -1);
    boolean cyclic = false;
    for (int start = 0; start < n; start++) {
      if (color[start] != 0) {
        continue;
      }
      int top = 0;
      stack[0] = start;
      next[0] = 0;
      color[start] = 1;
      positionOnStack[start] = 0;
      while (top >= 0) {
        int node = stack[top];
        int[] out = edges[node];
        if (next[top] < out.length) {
          int to = out[next[top]++];
          if (color[to] == 0) {
            color[to] = 1;
            top++;
            stack[top] = to;
            next[top] = 0;
            positionOnStack[to] = top;
          } else if (color[to] == 1) {
            cyclic = true;
            List<String> path = new ArrayList<>();
            for (int i = positionOnStack[to]; i <= top; i++) {
              path.add(ids.get(stack[i]));
            }
            path.add(ids.get(to));
            findings.add(
                new GraphFinding(
                    Diagnostic.of(PlanCodes.CYCLE, "bindings form a cycle: " + cyclePath(path))
                        .withHelp(
                            "a component cannot depend on itself, directly or through others"),
                    path));
          }
        } else {
          int h = 1;
          for (int to : out) {
            h = Math.max(h, height[to] + 1);
          }
          height[node] = h;
          color[node] = 2;
          positionOnStack[node] = -1;
          top--;
        }
      }
    }
    if (!cyclic) {
      int depth = 0;
      int deepest = -1;
      for (int i = 0; i < n; i++) {
        if (height[i] > depth) {
          depth = height[i];
          deepest = i;
        }
      }
      if (depth > maxDepth) {
        findings.add(
            new GraphFinding(
                Diagnostic.of(
                        PlanCodes.TOO_DEEP,
                        "chain of bindings from `"
                            + clip(ids.get(deepest))
                            + "` is "
                            + depth
                            + " components deep, over the limit of "
                            + maxDepth)
                    .withHelp("flatten the composition or raise the host's maxGraphDepth"),
                List.of(ids.get(deepest))));
      }
    }
    if (!entryComponents.isEmpty() && n > 1) {
      for (int i = 0; i < n; i++) {
        String id = ids.get(i);
        if (!touched[i] && !entryComponents.contains(id)) {
          findings.add(
              new GraphFinding(
                  Diagnostic.of(
                          PlanCodes.DISCONNECTED,
                          "component `" + clip(id) + "` is not bound to anything and not exported")
                      .withHelp(
                          "bind one of its imports or exports, export one of its functions, or"
                              + " remove it"),
                  List.of(id)));
        }
      }
    }
    return findings;
  }

  private static int[][] edges(List<Binding> bindings, Map<String, Integer> index) {
    int n = index.size();
    int[] counts = new int[n];
    for (Binding b : bindings) {
      Integer from = index.get(b.importer());
      if (from != null && index.containsKey(b.exporter())) {
        counts[from]++;
      }
    }
    int[][] edges = new int[n][];
    for (int i = 0; i < n; i++) {
      edges[i] = new int[counts[i]];
      counts[i] = 0;
    }
    for (Binding b : bindings) {
      Integer from = index.get(b.importer());
      Integer to = index.get(b.exporter());
      if (from != null && to != null) {
        edges[from][counts[from]++] = to;
      }
    }
    // Parallel bindings between the same two components are one edge: `seen[to] == from + 1`
    // marks a target already kept for `from`, so this is one pass over the edges.
    int[] seen = new int[n];
    for (int from = 0; from < n; from++) {
      int[] out = edges[from];
      int kept = 0;
      for (int to : out) {
        if (seen[to] != from + 1) {
          seen[to] = from + 1;
          out[kept++] = to;
        }
      }
      edges[from] = kept == out.length ? out : Arrays.copyOf(out, kept);
    }
    return edges;
  }

  private static String cyclePath(List<String> path) {
    List<String> shown = new ArrayList<>();
    for (int i = 0; i < path.size(); i++) {
      if (path.size() > 12 && i == 6) {
        shown.add("... (" + (path.size() - 11) + " more)");
        i = path.size() - 6;
        continue;
      }
      shown.add("`" + clip(path.get(i)) + "`");
    }
    return String.join(" -> ", shown);
  }

  private static String clip(String s) {
    return PlanReader.clip(s);
  }
}
