package dev.mosaic.host.component.binary;

import dev.mosaic.host.component.ComponentCodes;
import dev.mosaic.plan.MosaicException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A bounded cursor over a component binary: every read checks the end of its section first, and
 * every LEB128 read rejects encodings that are too long or overflow their width.
 */
final class BinaryInput {
  private final byte[] bytes;
  private int pos;
  private int end;

  BinaryInput(byte[] bytes, int pos, int end) {
    this.bytes = bytes;
    this.pos = pos;
    this.end = end;
  }

  byte[] bytes() {
    return bytes;
  }

  int position() {
    return pos;
  }

  int end() {
    return end;
  }

  int remaining() {
    return end - pos;
  }

  boolean atEnd() {
    return pos >= end;
  }

  /** Narrows the input to the next {@code length} bytes; returns the old end to restore. */
  int limit(int length, String what) {
    if (length < 0 || length > remaining()) {
      throw malformed(
          what + " of " + Integer.toUnsignedString(length) + " bytes runs past the end");
    }
    int oldEnd = end;
    end = pos + length;
    return oldEnd;
  }

  void restore(int oldEnd, String what) {
    if (pos != end) {
      throw malformed(what + " has " + (end - pos) + " bytes left over");
    }
    end = oldEnd;
  }

  void skip(int length) {
    if (length < 0 || length > remaining()) {
      throw malformed("unexpected end of input");
    }
    pos += length;
  }

  int u8() {
    if (pos >= end) {
      throw malformed("unexpected end of input");
    }
    return bytes[pos++] & 0xFF;
  }

  int peek() {
    if (pos >= end) {
      throw malformed("unexpected end of input");
    }
    return bytes[pos] & 0xFF;
  }

  /** An unsigned LEB128 of at most 32 bits. */
  int u32() {
    long result = 0;
    int shift = 0;
    while (true) {
      int b = u8();
      if (shift == 28 && (b & 0x70) != 0) {
        throw malformed("integer too large for u32 at byte " + (pos - 1));
      }
      result |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return (int) result;
      }
      shift += 7;
      if (shift > 28) {
        throw malformed("LEB128 integer longer than 5 bytes at byte " + (pos - 1));
      }
    }
  }

  /** A u32 that must fit a Java int (counts, lengths, indices below 2^31). */
  int index(String what) {
    int v = u32();
    if (v < 0) {
      throw new MosaicException(
          ComponentCodes.LIMIT, what + " " + Integer.toUnsignedString(v) + " is out of range");
    }
    return v;
  }

  /**
   * A count of items that each take at least one byte: a count larger than the bytes left is
   * malformed before anything is allocated for it.
   */
  int count(String what) {
    int n = u32();
    if (n < 0 || n > remaining()) {
      throw malformed(
          what + " count " + Integer.toUnsignedString(n) + " is larger than the bytes left");
    }
    return n;
  }

  /** A signed LEB128 of at most 33 bits (core heap types). */
  long s33() {
    long result = 0;
    int shift = 0;
    int b;
    do {
      if (shift >= 35) {
        throw malformed("LEB128 integer longer than 5 bytes at byte " + pos);
      }
      b = u8();
      result |= (long) (b & 0x7F) << shift;
      shift += 7;
    } while ((b & 0x80) != 0);
    if ((b & 0x40) != 0) {
      result |= -1L << shift;
    }
    if (result < -(1L << 32) || result >= (1L << 32)) {
      throw malformed("integer too large for s33 at byte " + (pos - 1));
    }
    return result;
  }

  /** An unsigned LEB128 of at most 64 bits (memory and table limits). */
  long u64() {
    long result = 0;
    int shift = 0;
    while (true) {
      int b = u8();
      if (shift == 63 && (b & 0x7E) != 0) {
        throw malformed("integer too large for u64 at byte " + (pos - 1));
      }
      result |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return result;
      }
      shift += 7;
      if (shift > 63) {
        throw malformed("LEB128 integer longer than 10 bytes at byte " + (pos - 1));
      }
    }
  }

  /** A length-prefixed UTF-8 name, decoded strictly (no replacement characters). */
  String name(int maxBytes, String what) {
    int at = pos;
    int length = u32();
    if (length < 0 || length > remaining()) {
      throw malformed(
          what + " of " + Integer.toUnsignedString(length) + " bytes runs past the end");
    }
    if (length > maxBytes) {
      throw new MosaicException(
          ComponentCodes.LIMIT,
          what + " at byte " + at + " is " + length + " bytes long, over the limit of " + maxBytes);
    }
    try {
      String s =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes, pos, length))
              .toString();
      pos += length;
      return s;
    } catch (CharacterCodingException e) {
      throw malformed(what + " at byte " + at + " is not valid UTF-8");
    }
  }

  MosaicException malformed(String message) {
    return new MosaicException(ComponentCodes.MALFORMED, "malformed component: " + message);
  }
}
