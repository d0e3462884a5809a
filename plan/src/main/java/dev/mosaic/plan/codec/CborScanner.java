package dev.mosaic.plan.codec;

import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.diag.Diagnostic;
import dev.mosaic.plan.diag.PlanCodes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * A bounded, non-recursive pass over CBOR bytes that runs before any tree is built. It checks that
 * the input is one well-formed data item in the deterministic form of RFC 8949 §4.2.1 (definite
 * lengths, shortest heads, text map keys in strictly increasing bytewise order) and that no item
 * claims more than the input holds, nests deeper than {@link #MAX_NESTING} or carries a string
 * longer than {@link #MAX_STRING_BYTES}. It allocates only a fixed-size stack, so a hostile header
 * such as an array of 2^63 elements costs nothing.
 */
public final class CborScanner {
  /** Deepest nesting of arrays and maps; a plan needs 6. */
  public static final int MAX_NESTING = 16;

  /** Longest text or byte string, in bytes. */
  public static final int MAX_STRING_BYTES = 4096;

  private static final int MAJOR_UNSIGNED = 0;
  private static final int MAJOR_NEGATIVE = 1;
  private static final int MAJOR_BYTES = 2;
  private static final int MAJOR_TEXT = 3;
  private static final int MAJOR_ARRAY = 4;
  private static final int MAJOR_MAP = 5;
  private static final int MAJOR_TAG = 6;

  private final byte[] in;
  private final long maxPlanBytes;
  private int pos;
  // One frame per open array or map: items still expected (map entries count twice).
  private final long[] remaining = new long[MAX_NESTING + 1];
  private final boolean[] isMap = new boolean[MAX_NESTING + 1];
  private final int[] lastKeyStart = new int[MAX_NESTING + 1];
  private final int[] lastKeyEnd = new int[MAX_NESTING + 1];
  private final int[] mapStart = new int[MAX_NESTING + 1];
  private final boolean[] unsorted = new boolean[MAX_NESTING + 1];
  private int depth;

  private CborScanner(byte[] in, long maxPlanBytes) {
    this.in = in;
    this.maxPlanBytes = maxPlanBytes;
  }

  /**
   * Scans a whole input.
   *
   * @param maxPlanBytes the largest plan the host accepts; a length claim beyond it is absurd
   * @throws MosaicException E3001 malformed or truncated, E3002 not deterministic, E3005 an item
   *     kind plans do not use, E3006 a length no plan could hold, E3009 duplicate map key, E8004
   *     nesting, E8005 string length
   */
  public static void scan(byte[] in, long maxPlanBytes) {
    new CborScanner(in, maxPlanBytes).run();
  }

  private void run() {
    if (in.length == 0) {
      throw fail(PlanCodes.MALFORMED_CBOR, "malformed CBOR: empty input");
    }
    do {
      item();
      closeFinished();
    } while (depth > 0);
    if (pos != in.length) {
      throw fail(
          PlanCodes.MALFORMED_CBOR,
          "malformed CBOR: " + (in.length - pos) + " bytes after the plan");
    }
  }

  private void closeFinished() {
    while (depth > 0 && remaining[depth] == 0) {
      if (isMap[depth] && unsorted[depth]) {
        throw keyOrderError(depth);
      }
      depth--;
    }
  }

  private void item() {
    int start = pos;
    boolean isKey = depth > 0 && isMap[depth] && remaining[depth] % 2 == 0;
    if (depth > 0) {
      remaining[depth]--;
    }
    if (pos >= in.length) {
      throw fail(PlanCodes.MALFORMED_CBOR, "malformed CBOR: input ends inside an item");
    }
    int initial = in[pos++] & 0xff;
    int major = initial >>> 5;
    int info = initial & 0x1f;
    if (isKey && major != MAJOR_TEXT) {
      throw fail(PlanCodes.WRONG_TYPE, "wrong type at byte " + start + ": map keys are text");
    }
    if (major == 7) {
      simple(start, info);
      return;
    }
    if (info == 31) {
      if (major == MAJOR_UNSIGNED || major == MAJOR_NEGATIVE || major == MAJOR_TAG) {
        throw fail(PlanCodes.MALFORMED_CBOR, "malformed CBOR at byte " + start);
      }
      throw fail(
          PlanCodes.NOT_CANONICAL,
          "plan is not in canonical CBOR form: indefinite length at byte " + start);
    }
    long argument = argument(start, info);
    switch (major) {
      case MAJOR_UNSIGNED, MAJOR_NEGATIVE -> {}
      case MAJOR_BYTES, MAJOR_TEXT -> {
        checkClaim(start, argument, argument);
        if (argument > MAX_STRING_BYTES) {
          throw fail(
              PlanCodes.STRING_TOO_LONG,
              "string at byte "
                  + start
                  + " is "
                  + argument
                  + " bytes, over the limit of "
                  + MAX_STRING_BYTES);
        }
        pos += (int) argument;
        if (isKey) {
          key(start);
        }
      }
      case MAJOR_ARRAY, MAJOR_MAP -> {
        // Every element takes at least one byte, so a count beyond the rest of the input is a lie.
        long items = major == MAJOR_MAP ? argument * 2 : argument;
        checkClaim(start, argument, items);
        if (depth == MAX_NESTING) {
          throw fail(
              PlanCodes.NESTING_TOO_DEEP,
              "plan nests deeper than " + MAX_NESTING + " levels at byte " + start);
        }
        depth++;
        remaining[depth] = items;
        isMap[depth] = major == MAJOR_MAP;
        lastKeyStart[depth] = -1;
        unsorted[depth] = false;
        mapStart[depth] = pos;
      }
      default ->
          throw fail(PlanCodes.WRONG_TYPE, "wrong type at byte " + start + ": plans use no tags");
    }
  }

  private void simple(int start, int info) {
    switch (info) {
      case 20, 21 -> {}
      case 22, 23 ->
          throw fail(
              PlanCodes.WRONG_TYPE,
              "wrong type at byte " + start + ": plans use no null or undefined");
      case 25, 26, 27 ->
          throw fail(
              PlanCodes.WRONG_TYPE,
              "wrong type at byte " + start + ": plans use no floating-point numbers");
      case 31 ->
          throw fail(PlanCodes.MALFORMED_CBOR, "malformed CBOR: unexpected break at byte " + start);
      default -> {
        if (info == 24) {
          pos++;
        }
        if (pos > in.length || info >= 28) {
          throw fail(PlanCodes.MALFORMED_CBOR, "malformed CBOR at byte " + start);
        }
        throw fail(
            PlanCodes.WRONG_TYPE, "wrong type at byte " + start + ": plans use no simple values");
      }
    }
  }

  private long argument(int start, int info) {
    if (info < 24) {
      return info;
    }
    int size =
        switch (info) {
          case 24 -> 1;
          case 25 -> 2;
          case 26 -> 4;
          case 27 -> 8;
          default ->
              throw fail(
                  PlanCodes.MALFORMED_CBOR,
                  "malformed CBOR: reserved additional information at byte " + start);
        };
    if (in.length - pos < size) {
      throw fail(PlanCodes.MALFORMED_CBOR, "malformed CBOR: input ends inside an item");
    }
    long value = 0;
    for (int i = 0; i < size; i++) {
      value = (value << 8) | (in[pos++] & 0xff);
    }
    long smallest =
        switch (size) {
          case 1 -> 24;
          case 2 -> 1L << 8;
          case 4 -> 1L << 16;
          default -> 1L << 32;
        };
    // Unsigned compare: an 8-byte argument of 2^63 or more is negative as a long.
    if (Long.compareUnsigned(value, smallest) < 0) {
      throw fail(
          PlanCodes.NOT_CANONICAL,
          "plan is not in canonical CBOR form: number or length at byte "
              + start
              + " is not in its shortest form");
    }
    return value;
  }

  private void key(int start) {
    int previous = lastKeyStart[depth];
    if (previous >= 0 && !unsorted[depth]) {
      int order = Arrays.compareUnsigned(in, previous, lastKeyEnd[depth], in, start, pos);
      if (order == 0) {
        throw duplicateKey(start, pos);
      }
      if (order > 0) {
        // Out of order: finish the map, then tell a duplicate from a mere ordering problem.
        unsorted[depth] = true;
      }
    }
    lastKeyStart[depth] = start;
    lastKeyEnd[depth] = pos;
  }

  private MosaicException keyOrderError(int level) {
    // Rescan the keys of the finished map; only reached on input that is already rejected.
    Set<ByteBuffer> seen = new HashSet<>();
    CborScanner keys = new CborScanner(in, maxPlanBytes);
    keys.pos = mapStart[level];
    while (keys.pos < pos) {
      int keyStart = keys.pos;
      keys.skipOne();
      if (!seen.add(ByteBuffer.wrap(in, keyStart, keys.pos - keyStart))) {
        return duplicateKey(keyStart, keys.pos);
      }
      keys.skipOne();
    }
    return fail(
        PlanCodes.NOT_CANONICAL,
        "plan is not in canonical CBOR form: map keys at byte "
            + mapStart[level]
            + " are not sorted");
  }

  /** Skips one item already known to be well formed. */
  private void skipOne() {
    long pending = 1;
    while (pending > 0) {
      pending--;
      int initial = in[pos++] & 0xff;
      int major = initial >>> 5;
      int info = initial & 0x1f;
      if (major == 7) {
        continue;
      }
      long argument = argument(pos - 1, info);
      switch (major) {
        case MAJOR_BYTES, MAJOR_TEXT -> pos += (int) argument;
        case MAJOR_ARRAY -> pending += argument;
        case MAJOR_MAP -> pending += argument * 2;
        default -> {}
      }
    }
  }

  private MosaicException duplicateKey(int start, int end) {
    int info = in[start] & 0x1f;
    int head = info < 24 ? 1 : 1 + (1 << (info - 24));
    int length = Math.min(end - start - head, 64);
    String key = new String(in, start + head, length, StandardCharsets.UTF_8);
    return fail(PlanCodes.DUPLICATE_KEY, "duplicate map key `" + key + "` at byte " + start);
  }

  /**
   * A declared length must fit in what follows: each string byte and each array or map element
   * takes at least one byte. A claim no plan could hold is reported as such (E3006); a smaller one
   * means the input was cut short (E3001).
   */
  private void checkClaim(int start, long argument, long bytesNeeded) {
    long available = in.length - pos;
    if (argument >= 0 && bytesNeeded >= 0 && bytesNeeded <= available) {
      return;
    }
    if (argument < 0 || bytesNeeded < 0 || bytesNeeded > maxPlanBytes) {
      throw fail(
          PlanCodes.LENGTH_BEYOND_INPUT,
          "item at byte "
              + start
              + " declares length "
              + Long.toUnsignedString(argument)
              + ", more than any plan can hold");
    }
    throw fail(
        PlanCodes.MALFORMED_CBOR,
        "malformed CBOR: input ends inside the item at byte "
            + start
            + " (it declares length "
            + argument
            + ", "
            + available
            + " bytes follow)");
  }

  private static MosaicException fail(String code, String message) {
    return new MosaicException(Diagnostic.of(code, message));
  }
}
