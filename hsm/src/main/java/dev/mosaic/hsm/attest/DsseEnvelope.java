package dev.mosaic.hsm.attest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mosaic.hsm.signature.SignatureCodes;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.diag.Diagnostic;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * A DSSE envelope: {@code {"payload": base64, "payloadType": text, "signatures": [{"keyid": text,
 * "sig": base64}]}}. Parsing is bounded (size, nesting, number of signatures) and accepts standard
 * or URL-safe base64, as the DSSE spec asks; writing uses standard base64.
 *
 * @param payloadType how to read the payload, e.g. {@link Dsse#IN_TOTO_PAYLOAD_TYPE}
 * @param payload the signed bytes (before PAE)
 * @param signatures signatures over {@link #pae()}
 */
public record DsseEnvelope(String payloadType, byte[] payload, List<DsseSignature> signatures) {
  /** The largest envelope {@link #parse} reads. */
  public static final int MAX_BYTES = 4 * 1024 * 1024;

  /** The most signatures {@link #parse} reads. */
  public static final int MAX_SIGNATURES = 64;

  static final ObjectMapper JSON =
      JsonMapper.builder(
              com.fasterxml.jackson.core.JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(32)
                          .maxDocumentLength(MAX_BYTES)
                          .build())
                  .build())
          .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .build();

  public DsseEnvelope {
    Objects.requireNonNull(payloadType, "payloadType");
    payload = payload.clone();
    signatures = List.copyOf(signatures);
  }

  @Override
  public byte[] payload() {
    return payload.clone();
  }

  /** The bytes every signature covers: {@code PAE(payloadType, payload)}. */
  public byte[] pae() {
    return Dsse.pae(payloadType, payload);
  }

  /** This envelope with the signatures replaced. */
  public DsseEnvelope withSignatures(List<DsseSignature> replaced) {
    return new DsseEnvelope(payloadType, payload, replaced);
  }

  /** The envelope as compact JSON. */
  public byte[] toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("payload", Base64.getEncoder().encodeToString(payload));
    root.put("payloadType", payloadType);
    ArrayNode sigs = root.putArray("signatures");
    for (DsseSignature s : signatures) {
      ObjectNode n = sigs.addObject();
      n.put("keyid", s.keyid());
      n.put("sig", Base64.getEncoder().encodeToString(s.sig()));
    }
    try {
      return JSON.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }

  /**
   * Reads an envelope from JSON.
   *
   * @throws MosaicException {@link SignatureCodes#MALFORMED_ENVELOPE} when it is not one
   */
  public static DsseEnvelope parse(byte[] json) {
    if (json.length > MAX_BYTES) {
      throw malformed("envelope is " + json.length + " bytes, over the limit of " + MAX_BYTES);
    }
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw malformed("not JSON: " + firstLine(e.getOriginalMessage()));
    } catch (java.io.IOException e) {
      throw malformed("not JSON: " + firstLine(e.getMessage()));
    }
    if (root == null || !root.isObject()) {
      throw malformed("expected a JSON object");
    }
    String payloadType = text(root, "payloadType");
    byte[] payload = base64(text(root, "payload"), "payload");
    JsonNode sigs = root.get("signatures");
    if (sigs == null || !sigs.isArray()) {
      throw malformed("`signatures` must be an array");
    }
    if (sigs.size() > MAX_SIGNATURES) {
      throw malformed("more than " + MAX_SIGNATURES + " signatures");
    }
    List<DsseSignature> signatures = new ArrayList<>(sigs.size());
    for (JsonNode s : sigs) {
      if (!s.isObject()) {
        throw malformed("a signature must be an object");
      }
      JsonNode keyid = s.get("keyid");
      if (keyid != null && !keyid.isTextual()) {
        throw malformed("`keyid` must be a string");
      }
      signatures.add(
          new DsseSignature(keyid == null ? "" : keyid.textValue(), base64(text(s, "sig"), "sig")));
    }
    return new DsseEnvelope(payloadType, payload, signatures);
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual()) {
      throw malformed("`" + field + "` must be a string");
    }
    return v.textValue();
  }

  private static byte[] base64(String text, String field) {
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException notStandard) {
      try {
        return Base64.getUrlDecoder().decode(text);
      } catch (IllegalArgumentException e) {
        throw malformed("`" + field + "` is not base64");
      }
    }
  }

  private static String firstLine(String message) {
    String line = message == null ? "" : message.lines().findFirst().orElse("");
    return line.length() > 160 ? line.substring(0, 160) + "..." : line;
  }

  static MosaicException malformed(String message) {
    return new MosaicException(
        Diagnostic.of(SignatureCodes.MALFORMED_ENVELOPE, "malformed signed plan: " + message)
            .withHelp("expected a DSSE envelope as written by `mosaic sign`"));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DsseEnvelope o
        && payloadType.equals(o.payloadType)
        && Arrays.equals(payload, o.payload)
        && signatures.equals(o.signatures);
  }

  @Override
  public int hashCode() {
    return Objects.hash(payloadType, Arrays.hashCode(payload), signatures);
  }

  @Override
  public String toString() {
    return "DsseEnvelope["
        + payloadType
        + ", "
        + new String(payload, StandardCharsets.UTF_8).length()
        + " chars, "
        + signatures.size()
        + " signature(s)]";
  }
}
