package dev.mosaic.hsm.attest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Writes and reads the in-toto Statement v1 that a signed plan carries:
 *
 * <pre>{@code
 * {"_type": "https://in-toto.io/Statement/v1",
 *  "subject": [{"name": "hello.plan.cbor", "digest": {"sha256": "<hex>"}}],
 *  "predicateType": "https://mosaic.dev/provenance/v1",
 *  "predicate": {
 *    "plan": {"name": "hello.plan.cbor", "digest": {"sha256": "<hex>"}},
 *    "tenant": "demo",
 *    "components": [{"id": "hello", "digest": {"sha256": "<hex>"}}],
 *    "compiler": {"name": "mosaic", "version": "0.1.0"}}}
 * }</pre>
 */
public final class InTotoStatement {
  /** The statement type. */
  public static final String STATEMENT_TYPE = "https://in-toto.io/Statement/v1";

  /** The predicate type of Mosaic plan provenance. */
  public static final String PREDICATE_TYPE = "https://mosaic.dev/provenance/v1";

  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
  private static final String PREFIX = "sha256:";

  private InTotoStatement() {}

  /** The statement's JSON bytes. */
  public static byte[] toJson(PlanProvenance p) {
    ObjectNode root = DsseEnvelope.JSON.createObjectNode();
    root.put("_type", STATEMENT_TYPE);
    ArrayNode subject = root.putArray("subject");
    subject.add(named(p.planName(), p.planDigest()));
    root.put("predicateType", PREDICATE_TYPE);
    ObjectNode predicate = root.putObject("predicate");
    predicate.set("plan", named(p.planName(), p.planDigest()));
    predicate.put("tenant", p.tenant());
    ArrayNode components = predicate.putArray("components");
    for (ComponentDigest c : p.components()) {
      ObjectNode n = components.addObject();
      n.put("id", c.id());
      n.set("digest", digestSet(c.digest()));
    }
    ObjectNode compiler = predicate.putObject("compiler");
    compiler.put("name", "mosaic");
    compiler.put("version", p.compilerVersion());
    try {
      return DsseEnvelope.JSON.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }

  /**
   * Reads a statement back.
   *
   * @throws dev.mosaic.plan.MosaicException E4120 when it is not a Mosaic plan statement
   */
  public static PlanProvenance parse(byte[] json) {
    JsonNode root;
    try {
      root = DsseEnvelope.JSON.readTree(json);
    } catch (IOException e) {
      throw DsseEnvelope.malformed("statement is not JSON");
    }
    if (root == null || !root.isObject()) {
      throw DsseEnvelope.malformed("statement is not a JSON object");
    }
    if (!STATEMENT_TYPE.equals(text(root, "_type", "$"))) {
      throw DsseEnvelope.malformed("statement `_type` is not `" + STATEMENT_TYPE + "`");
    }
    String predicateType = text(root, "predicateType", "$");
    if (!PREDICATE_TYPE.equals(predicateType)) {
      throw DsseEnvelope.malformed(
          "predicate type `" + predicateType + "` is not `" + PREDICATE_TYPE + "`");
    }
    JsonNode subjects = root.get("subject");
    if (subjects == null || !subjects.isArray() || subjects.size() != 1) {
      throw DsseEnvelope.malformed("statement must have exactly one subject, the plan");
    }
    String name = text(subjects.get(0), "name", "subject[0]");
    String digest = digest(subjects.get(0), "subject[0]");
    JsonNode predicate = object(root, "predicate", "$");
    JsonNode plan = object(predicate, "plan", "predicate");
    if (!name.equals(text(plan, "name", "predicate.plan"))
        || !digest.equals(digest(plan, "predicate.plan"))) {
      throw DsseEnvelope.malformed("subject and `predicate.plan` name different plans");
    }
    JsonNode components = predicate.get("components");
    if (components == null || !components.isArray()) {
      throw DsseEnvelope.malformed("`predicate.components` must be an array");
    }
    List<ComponentDigest> list = new ArrayList<>(components.size());
    for (int i = 0; i < components.size(); i++) {
      String path = "predicate.components[" + i + "]";
      list.add(
          new ComponentDigest(
              text(components.get(i), "id", path), digest(components.get(i), path)));
    }
    JsonNode compiler = object(predicate, "compiler", "predicate");
    return new PlanProvenance(
        name,
        digest,
        text(predicate, "tenant", "predicate"),
        list,
        text(compiler, "version", "predicate.compiler"));
  }

  private static ObjectNode named(String name, String digest) {
    ObjectNode n = DsseEnvelope.JSON.createObjectNode();
    n.put("name", name);
    n.set("digest", digestSet(digest));
    return n;
  }

  private static ObjectNode digestSet(String digest) {
    if (!digest.startsWith(PREFIX)
        || !SHA256_HEX.matcher(digest.substring(PREFIX.length())).matches()) {
      throw new IllegalArgumentException("not a sha256 digest: " + digest);
    }
    ObjectNode set = DsseEnvelope.JSON.createObjectNode();
    set.put("sha256", digest.substring(PREFIX.length()));
    return set;
  }

  private static String digest(JsonNode node, String path) {
    String hex = text(object(node, "digest", path), "sha256", path + ".digest");
    if (!SHA256_HEX.matcher(hex).matches()) {
      throw DsseEnvelope.malformed("`" + path + ".digest.sha256` is not 64 lowercase hex digits");
    }
    return PREFIX + hex;
  }

  private static JsonNode object(JsonNode node, String field, String path) {
    JsonNode v = node == null ? null : node.get(field);
    if (v == null || !v.isObject()) {
      throw DsseEnvelope.malformed("`" + path + "." + field + "` must be an object");
    }
    return v;
  }

  private static String text(JsonNode node, String field, String path) {
    JsonNode v = node == null || !node.isObject() ? null : node.get(field);
    if (v == null || !v.isTextual()) {
      throw DsseEnvelope.malformed("`" + path + "." + field + "` must be a string");
    }
    return v.textValue();
  }
}
