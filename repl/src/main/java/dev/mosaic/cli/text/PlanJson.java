package dev.mosaic.cli.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mosaic.plan.Binding;
import dev.mosaic.plan.Component;
import dev.mosaic.plan.EntryPoint;
import dev.mosaic.plan.FunctionDecl;
import dev.mosaic.plan.Plan;
import dev.mosaic.plan.PolicyRule;
import dev.mosaic.plan.verify.ComponentVerification;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A plan as JSON for tools ({@code mosaic inspect --json}). Field names are snake_case, like the
 * audit log; the shape is documented in the command's help.
 */
public final class PlanJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private PlanJson() {}

  public static String render(String digest, Plan plan, Predicate<Component> inStore) {
    return render(digest, plan, inStore, Map.of());
  }

  public static String render(
      String digest,
      Plan plan,
      Predicate<Component> inStore,
      Map<String, ComponentVerification> verifications) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("digest", digest);
    root.put("format_version", plan.formatVersion());
    root.put("tenant", plan.tenant());
    ObjectNode limits = root.putObject("limits");
    limits.put("max_components", plan.limits().maxComponents());
    limits.put("max_memory_bytes", plan.limits().maxMemoryBytes());
    limits.put("max_execution_ms", plan.limits().maxExecutionMillis());
    ArrayNode components = root.putArray("components");
    for (Component c : plan.components()) {
      ObjectNode n = components.addObject();
      n.put("id", c.id());
      n.put("digest", c.digest());
      n.put("in_store", inStore.test(c));
      ObjectNode sig = n.putObject("signature");
      strings(sig.putArray("verifiers"), c.signature().verifiers());
      strings(sig.putArray("trusted_keys"), c.signature().trustedKeys());
      ComponentVerification v = verifications.get(c.id());
      if (v != null) {
        sig.put("status", v.status().name().toLowerCase(Locale.ROOT));
        sig.put("verifier", v.verifierName());
        sig.put("signer", v.signer());
        sig.put("detail", v.detail());
      }
      functions(n.putArray("imports"), c.imports(), true);
      functions(n.putArray("exports"), c.exports(), false);
    }
    ArrayNode bindings = root.putArray("bindings");
    for (Binding b : plan.bindings()) {
      ObjectNode n = bindings.addObject();
      n.put("importer", b.importer());
      n.put("import_module", b.importModule());
      n.put("import_name", b.importName());
      n.put("exporter", b.exporter());
      n.put("export_name", b.exportName());
    }
    ArrayNode policy = root.putArray("policy");
    for (PolicyRule r : plan.policy()) {
      ObjectNode n = policy.addObject();
      n.put("effect", r.effect().name().toLowerCase(Locale.ROOT));
      n.put("component", r.component());
      n.put("capability", r.capability());
      strings(n.putArray("patterns"), r.patterns());
    }
    ArrayNode entries = root.putArray("entry_points");
    for (EntryPoint e : plan.entryPoints()) {
      ObjectNode n = entries.addObject();
      n.put("component", e.component());
      n.put("function", e.function());
    }
    try {
      return MAPPER.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of plain nodes always serializes", e);
    }
  }

  private static void functions(ArrayNode out, List<FunctionDecl> functions, boolean imports) {
    for (FunctionDecl f : functions) {
      ObjectNode n = out.addObject();
      if (imports) {
        n.put("module", f.module());
      }
      n.put("name", f.name());
      if (imports) {
        n.put("capability", f.isCapability() || f.isWasi());
      }
      strings(n.putArray("params"), f.type().params());
      strings(n.putArray("results"), f.type().results());
    }
  }

  private static void strings(ArrayNode out, List<String> values) {
    values.forEach(out::add);
  }
}
