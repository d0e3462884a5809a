package dev.mosaic.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;

/**
 * Prints CBOR in diagnostic notation (RFC 8949 section 8), one map entry or array element per line
 * so that golden-file diffs point at the field that changed. Map keys keep the order of the bytes,
 * which for a canonical plan is the canonical order.
 */
final class CborDiagnosticNotation {
  private static final CBORMapper MAPPER = new CBORMapper();

  private CborDiagnosticNotation() {}

  static String print(byte[] cbor) {
    try {
      StringBuilder out = new StringBuilder();
      write(MAPPER.readTree(cbor), 0, out);
      return out.append('\n').toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(JsonNode node, int depth, StringBuilder out) throws IOException {
    String indent = "  ".repeat(depth + 1);
    switch (node.getNodeType()) {
      case OBJECT -> {
        if (node.isEmpty()) {
          out.append("{}");
          return;
        }
        out.append("{\n");
        Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
        while (fields.hasNext()) {
          Map.Entry<String, JsonNode> e = fields.next();
          out.append(indent).append(text(e.getKey())).append(": ");
          write(e.getValue(), depth + 1, out);
          out.append(fields.hasNext() ? ",\n" : "\n");
        }
        out.append("  ".repeat(depth)).append('}');
      }
      case ARRAY -> {
        if (node.isEmpty()) {
          out.append("[]");
          return;
        }
        if (!node.valueStream().anyMatch(JsonNode::isContainerNode)) {
          // A short row of scalars (a function type, a rule's patterns) reads best on one line.
          out.append('[');
          for (int i = 0; i < node.size(); i++) {
            write(node.get(i), depth + 1, out);
            out.append(i + 1 < node.size() ? ", " : "");
          }
          out.append(']');
          return;
        }
        out.append("[\n");
        for (int i = 0; i < node.size(); i++) {
          out.append(indent);
          write(node.get(i), depth + 1, out);
          out.append(i + 1 < node.size() ? ",\n" : "\n");
        }
        out.append("  ".repeat(depth)).append(']');
      }
      case STRING -> out.append(text(node.textValue()));
      case BINARY ->
          out.append("h'").append(HexFormat.of().formatHex(node.binaryValue())).append("'");
      case NUMBER -> out.append(node.isFloatingPointNumber() ? floating(node) : node.asText());
      case BOOLEAN -> out.append(node.booleanValue());
      case NULL -> out.append("null");
      default -> throw new IllegalArgumentException("not printable: " + node.getNodeType());
    }
  }

  private static String floating(JsonNode node) {
    double d = node.doubleValue();
    return Double.isNaN(d)
        ? "NaN"
        : Double.isInfinite(d) ? (d > 0 ? "Infinity" : "-Infinity") : Double.toString(d);
  }

  private static String text(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
