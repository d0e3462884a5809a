package dev.mosaic.host.audit;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.mosaic.plan.audit.AuditEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;

/**
 * One line of a log: the event fields of docs/audit.md, then {@code seq} (the 1-based line number)
 * and {@code prev_hash}. Parsing is strict and never throws on hostile input: a line that does not
 * have this shape gives {@code null}. A line without {@code seq} (written by a version before it)
 * parses with {@code seq} 0.
 *
 * @param timestamp as written (ISO-8601 UTC, seconds)
 * @param details the details object, string values only
 */
record AuditLine(
    String timestamp,
    String tenantId,
    String eventType,
    String componentId,
    Map<String, String> details,
    long seq,
    String prevHash) {
  private static final JsonFactory JSON = new JsonFactory();

  static String timestamp(AuditEvent event) {
    return DateTimeFormatter.ISO_INSTANT.format(event.timestamp().truncatedTo(ChronoUnit.SECONDS));
  }

  /** The JSON text of one line, without the newline. */
  static byte[] encode(AuditEvent event, long seq, String prevHash) {
    return encode(
        timestamp(event),
        event.tenantId(),
        event.eventType(),
        event.componentId(),
        event.details(),
        seq,
        prevHash);
  }

  static byte[] encode(
      String timestamp,
      String tenant,
      String eventType,
      String component,
      Map<String, String> details,
      long seq,
      String prevHash) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      g.writeStartObject();
      g.writeStringField("timestamp", timestamp);
      g.writeStringField("tenant_id", tenant);
      g.writeStringField("event_type", eventType);
      g.writeStringField("component_id", component);
      g.writeObjectFieldStart("details");
      for (Map.Entry<String, String> e : new TreeMap<>(details).entrySet()) {
        g.writeStringField(e.getKey(), e.getValue());
      }
      g.writeEndObject();
      g.writeNumberField("seq", seq);
      g.writeStringField("prev_hash", prevHash);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Parses a line; {@code problem[0]} gets what is wrong when the result is {@code null}. */
  static AuditLine parse(byte[] bytes, int offset, int length, String[] problem) {
    String timestamp = null;
    String tenant = null;
    String type = null;
    String component = null;
    Map<String, String> details = null;
    // Lines written before `seq` existed have none: 0 marks them (see AuditLogVerifier).
    long seq = 0;
    String prev = null;
    try (JsonParser p = JSON.createParser(bytes, offset, length)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        problem[0] = "line is not a JSON object";
        return null;
      }
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        switch (name) {
          case "timestamp" -> timestamp = text(p, v);
          case "tenant_id" -> tenant = text(p, v);
          case "event_type" -> type = text(p, v);
          case "component_id" -> component = text(p, v);
          case "prev_hash" -> prev = text(p, v);
          case "seq" -> {
            seq = v == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : -1;
            if (seq < 1) {
              problem[0] = "line has no valid `seq`";
              return null;
            }
          }
          case "details" -> details = details(p, v);
          default -> p.skipChildren();
        }
      }
      if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
        problem[0] = "line is not a JSON object";
        return null;
      }
    } catch (IOException | RuntimeException e) {
      problem[0] = "line is not valid JSON";
      return null;
    }
    String missing =
        timestamp == null
            ? "timestamp"
            : tenant == null
                ? "tenant_id"
                : type == null
                    ? "event_type"
                    : component == null
                        ? "component_id"
                        : details == null ? "details" : prev == null ? "prev_hash" : null;
    if (missing != null) {
      problem[0] = "line has no valid `" + missing + "`";
      return null;
    }
    return new AuditLine(timestamp, tenant, type, component, details, seq, prev);
  }

  private static String text(JsonParser p, JsonToken v) throws IOException {
    if (v != JsonToken.VALUE_STRING) {
      p.skipChildren();
      return null;
    }
    return p.getText();
  }

  private static Map<String, String> details(JsonParser p, JsonToken v) throws IOException {
    if (v != JsonToken.START_OBJECT) {
      p.skipChildren();
      return null;
    }
    Map<String, String> out = new TreeMap<>();
    boolean valid = true;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      if (value != JsonToken.VALUE_STRING) {
        p.skipChildren();
        valid = false;
      } else {
        out.put(name, p.getText());
      }
    }
    return valid ? out : null;
  }

  boolean isSeal() {
    return AuditSeal.EVENT_TYPE.equals(eventType);
  }

  /** A numeric detail of a seal, or -1. */
  long number(String key) {
    String v = details.get(key);
    if (v == null || v.isEmpty() || v.length() > 18 || !v.chars().allMatch(Character::isDigit)) {
      return -1;
    }
    return Long.parseLong(v);
  }
}
