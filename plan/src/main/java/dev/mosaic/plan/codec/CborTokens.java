package dev.mosaic.plan.codec;

import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * The tokens of plan bytes that {@link CborScanner} has accepted, in the shape of Jackson's token
 * stream ({@link JsonToken}), read straight from the byte array. The scanner has already checked
 * every head, length, nesting level and key order, so this reader only walks the items; it still
 * checks every read against the end of the input and the nesting bound, so bytes that were not
 * scanned end in an {@link IOException}, never in an index error. Text is decoded only when asked
 * for, and strictly: a text string that is not well-formed UTF-8 (RFC 8949 §3.1) fails.
 *
 * <p>It replaces a Jackson {@code CBORParser} on the decode path, where per token the parser cost
 * more than the rest of decoding (parser set-up, a text buffer copy and a duplicate-key set per
 * map); what Jackson's constraints guarded is enforced by the scanner before this runs.
 */
public final class CborTokens {
  private static final int MAX_DEPTH = CborScanner.MAX_NESTING + 1;

  private final byte[] in;
  private int pos;
  // Per open container: items left (a map counts keys and values), declared length, kind.
  private final long[] remaining = new long[MAX_DEPTH + 1];
  private final int[] declared = new int[MAX_DEPTH + 1];
  private final boolean[] isMap = new boolean[MAX_DEPTH + 1];
  private int depth;
  private JsonToken current;
  private String name;
  private int textStart;
  private int textLength;
  private long argument;
  private boolean negative;

  public CborTokens(byte[] in) {
    this.in = in;
  }

  /** The next token, or {@code null} after the last one. */
  public JsonToken nextToken() throws IOException {
    if (depth > 0 && remaining[depth] == 0) {
      current = isMap[depth] ? JsonToken.END_OBJECT : JsonToken.END_ARRAY;
      depth--;
      return current;
    }
    if (depth == 0 && (pos >= in.length || current != null)) {
      // One item makes a plan; what follows it was refused by the scanner.
      current = null;
      return null;
    }
    boolean key = depth > 0 && isMap[depth] && remaining[depth] % 2 == 0;
    if (depth > 0) {
      remaining[depth]--;
    }
    int start = pos;
    int initial = read() & 0xff;
    int major = initial >>> 5;
    int info = initial & 0x1f;
    if (major == 7) {
      current =
          switch (info) {
            case 20 -> JsonToken.VALUE_FALSE;
            case 21 -> JsonToken.VALUE_TRUE;
            default -> throw new IOException("unexpected simple value at byte " + start);
          };
      return current;
    }
    argument = argument(info, start);
    switch (major) {
      case 0, 1 -> {
        negative = major == 1;
        current = JsonToken.VALUE_NUMBER_INT;
      }
      case 2, 3 -> {
        if (argument < 0 || argument > in.length - pos) {
          throw new IOException("input ends inside a string at byte " + start);
        }
        textStart = pos;
        textLength = (int) argument;
        pos += textLength;
        if (major == 2) {
          current = JsonToken.VALUE_EMBEDDED_OBJECT;
        } else if (key) {
          name = text();
          current = JsonToken.FIELD_NAME;
        } else {
          current = JsonToken.VALUE_STRING;
        }
      }
      case 4, 5 -> {
        // Every item takes at least one byte, so the scanner bounded these counts by the input.
        if (argument < 0 || argument > in.length - pos || depth == MAX_DEPTH) {
          throw new IOException("container at byte " + start + " exceeds the input");
        }
        depth++;
        isMap[depth] = major == 5;
        declared[depth] = (int) argument;
        remaining[depth] = isMap[depth] ? argument * 2 : argument;
        current = isMap[depth] ? JsonToken.START_OBJECT : JsonToken.START_ARRAY;
      }
      default -> throw new IOException("unexpected tag at byte " + start);
    }
    return current;
  }

  /** The name of the current field. */
  public String currentName() {
    return name;
  }

  /** The current text string, decoded now. */
  public String getText() throws IOException {
    return current == JsonToken.FIELD_NAME ? name : text();
  }

  /** Whether the current integer lies outside the signed 64-bit range. */
  public boolean isBigInteger() {
    // A head argument of 2^63 or more reads as a negative long.
    return current == JsonToken.VALUE_NUMBER_INT && argument < 0;
  }

  /** The current integer; only meaningful when it is not {@linkplain #isBigInteger big}. */
  public long getLongValue() {
    return negative ? -1 - argument : argument;
  }

  /** The element count (pairs for a map) the innermost open container declared. */
  public int declaredLength() {
    return depth > 0 ? declared[depth] : -1;
  }

  /** When the current token opens a container, skips to its end token; else does nothing. */
  public void skipChildren() throws IOException {
    if (current != JsonToken.START_OBJECT && current != JsonToken.START_ARRAY) {
      return;
    }
    int level = depth;
    while (depth >= level) {
      if (nextToken() == null) {
        throw new IOException("input ends inside a container");
      }
    }
  }

  private byte read() throws IOException {
    if (pos >= in.length) {
      throw new IOException("input ends inside an item");
    }
    return in[pos++];
  }

  private long argument(int info, int start) throws IOException {
    if (info < 24) {
      return info;
    }
    int size =
        switch (info) {
          case 24 -> 1;
          case 25 -> 2;
          case 26 -> 4;
          case 27 -> 8;
          default -> throw new IOException("indefinite or reserved length at byte " + start);
        };
    if (in.length - pos < size) {
      throw new IOException("input ends inside an item");
    }
    long value = 0;
    for (int i = 0; i < size; i++) {
      value = (value << 8) | (in[pos++] & 0xff);
    }
    return value;
  }

  private String text() throws IOException {
    if (textLength == 3) {
      String valueType = valueType();
      if (valueType != null) {
        return valueType;
      }
    }
    int end = textStart + textLength;
    for (int i = textStart; i < end; i++) {
      if (in[i] < 0) {
        try {
          return StandardCharsets.UTF_8
              .newDecoder()
              .decode(ByteBuffer.wrap(in, textStart, textLength))
              .toString();
        } catch (CharacterCodingException e) {
          throw new IOException("invalid UTF-8 in the text string at byte " + textStart, e);
        }
      }
    }
    // ASCII, the common case: one byte per char, no decoder.
    return new String(in, textStart, textLength, StandardCharsets.ISO_8859_1);
  }

  /**
   * The shared constant for the wasm value types {@code i32}, {@code i64}, {@code f32} and {@code
   * f64}, or null: a maximal plan holds tens of thousands of them, and with one instance each,
   * comparing two function types mostly compares references.
   */
  private String valueType() {
    byte kind = in[textStart];
    byte a = in[textStart + 1];
    byte b = in[textStart + 2];
    boolean bits32 = a == '3' && b == '2';
    if (!bits32 && !(a == '6' && b == '4')) {
      return null;
    }
    return switch (kind) {
      case 'i' -> bits32 ? "i32" : "i64";
      case 'f' -> bits32 ? "f32" : "f64";
      default -> null;
    };
  }
}
