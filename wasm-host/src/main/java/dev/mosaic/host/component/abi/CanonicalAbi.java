package dev.mosaic.host.component.abi;

import dev.mosaic.host.component.ComponentState;
import dev.mosaic.host.component.CoreValType;
import dev.mosaic.host.component.Primitive;
import dev.mosaic.host.component.ResourceType;
import dev.mosaic.host.component.ResourceValue;
import dev.mosaic.host.component.StringEncoding;
import dev.mosaic.host.component.VariantValue;
import dev.mosaic.host.component.WitResult;
import dev.mosaic.host.component.WitType;
import dev.mosaic.plan.MosaicException;
import java.lang.reflect.RecordComponent;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The canonical ABI (CanonicalABI.md) for one call into or out of one component instance: lifting
 * core values and linear memory into Java values, and lowering Java values into core values and
 * linear memory. Synchronous functions, 32-bit memories.
 *
 * <h2>Java values</h2>
 *
 * Plain Java types, so values read naturally at every front door; each WIT type has one Java type
 * that lifting returns, and lowering accepts that type (integers also from any {@link Integer},
 * {@link Long}, {@link Short} or {@link Byte} in range):
 *
 * <table>
 *   <caption>WIT types and their Java values</caption>
 *   <tr><td>bool</td><td>{@link Boolean}</td></tr>
 *   <tr><td>s8, u8, s16, u16, s32</td><td>{@link Integer}</td></tr>
 *   <tr><td>u32, s64</td><td>{@link Long}</td></tr>
 *   <tr><td>u64</td><td>{@link Long} holding the 64 bits (read with {@code
 *       Long.toUnsignedString}); lowering also takes a {@link BigInteger}</td></tr>
 *   <tr><td>f32, f64</td><td>{@link Float}, {@link Double}; NaNs are canonical</td></tr>
 *   <tr><td>char</td><td>a {@link String} of one code point (lowering also takes a
 *       {@link Character})</td></tr>
 *   <tr><td>string</td><td>{@link String}</td></tr>
 *   <tr><td>list&lt;T&gt;, tuple&lt;...&gt;</td><td>{@link List}</td></tr>
 *   <tr><td>record</td><td>{@link Map} from field name to value, in field order (lowering also
 *       takes a Java record whose components are the fields in lowerCamelCase)</td></tr>
 *   <tr><td>variant</td><td>{@link VariantValue}</td></tr>
 *   <tr><td>enum</td><td>the case's name, a {@link String}</td></tr>
 *   <tr><td>option&lt;T&gt;</td><td>{@link Optional}</td></tr>
 *   <tr><td>result&lt;T, E&gt;</td><td>{@link WitResult}</td></tr>
 *   <tr><td>flags</td><td>a {@link Set} of the names that are set</td></tr>
 *   <tr><td>own&lt;R&gt;, borrow&lt;R&gt;</td><td>{@link ResourceValue}</td></tr>
 * </table>
 *
 * <p>Core values are {@link Integer} (i32), {@link Long} (i64), {@link Float} and {@link Double}.
 *
 * <h2>Failures</h2>
 *
 * What the guest got wrong (a pointer out of bounds or misaligned, invalid UTF-8 or UTF-16, a bad
 * discriminant or char, an unknown handle) is a trap, E9001. A Java value that does not fit its
 * type is E9004. Every call is bounded by a transfer budget: each lifted value costs 16 bytes plus
 * the bytes of its strings, each lowered string and list the bytes it takes in guest memory, so a
 * guest cannot make the host build an unbounded value (for instance a list of a million references
 * to one large string).
 */
public final class CanonicalAbi {
  public static final long MAX_STRING_BYTES = (1L << 28) - 1;
  public static final long MAX_LIST_BYTES = (1L << 28) - 1;
  static final long UTF16_TAG = 1L << 31;
  private static final int VALUE_COST = 16;
  private static final int CANONICAL_NAN32 = 0x7fc00000;
  private static final long CANONICAL_NAN64 = 0x7ff8000000000000L;

  private final ComponentState state;
  private final LinearMemory memory;
  private final Realloc realloc;
  private final StringEncoding encoding;
  private final Layouts layouts;
  private final long maxTransferBytes;
  private final List<HandleTable.Handle> lent = new ArrayList<>();
  private long transferred;

  /**
   * @param state the instance whose handles own and borrow values go through
   * @param memory the instance's memory, or null when the function's types need none
   * @param realloc the instance's realloc, or null when nothing is allocated in it
   * @param encoding the string encoding of the canon options
   * @param layouts a layout cache (may be shared by the calls of one component)
   * @param maxTransferBytes the transfer budget of this call
   */
  public CanonicalAbi(
      ComponentState state,
      LinearMemory memory,
      Realloc realloc,
      StringEncoding encoding,
      Layouts layouts,
      long maxTransferBytes) {
    this.state = state;
    this.memory = memory;
    this.realloc = realloc;
    this.encoding = encoding;
    this.layouts = layouts;
    this.maxTransferBytes = maxTransferBytes;
  }

  public Layouts layouts() {
    return layouts;
  }

  /** Bytes charged to this call's transfer budget so far. */
  public long transferred() {
    return transferred;
  }

  public static MosaicException trap(String message) {
    return new MosaicException("E9001", "canonical ABI: " + message);
  }

  static MosaicException badValue(String message) {
    return new MosaicException("E9004", "canonical ABI: " + message);
  }

  /** Ends the call: borrows lifted during it are returned to their handles. */
  public void finish() {
    for (HandleTable.Handle h : lent) {
      h.lends--;
    }
    lent.clear();
  }

  // ---------------------------------------------------------------- flat values

  /** Reads core values in order, checking each one's core type. */
  public static class FlatReader {
    private final List<Object> values;
    private int next;

    public FlatReader(List<Object> values) {
      this.values = values;
    }

    Object next(CoreValType want) {
      if (next >= values.size()) {
        throw trap("too few core values (" + values.size() + ")");
      }
      Object v = values.get(next++);
      boolean ok =
          switch (want) {
            case I32 -> v instanceof Integer;
            case I64 -> v instanceof Long;
            case F32 -> v instanceof Float;
            case F64 -> v instanceof Double;
            default -> false;
          };
      if (!ok) {
        throw trap("core value `" + v + "` is not an " + want);
      }
      return v;
    }

    int i32() {
      return (Integer) next(CoreValType.I32);
    }

    /** Whether every value was read. */
    public boolean done() {
      return next == values.size();
    }
  }

  /**
   * Lifts a function's parameters or results from core values: flat when they take at most {@code
   * maxFlat} core values, else from the tuple that the single i32 points to.
   */
  public List<Object> liftValues(FlatReader flat, List<WitType> types, int maxFlat) {
    if (layouts.flatCount(types, maxFlat) > maxFlat) {
      long ptr = Integer.toUnsignedLong(flat.i32());
      WitType tuple = new WitType.TupleType(types);
      checkRange(ptr, layouts.alignment(tuple), layouts.size(tuple), "the value tuple");
      @SuppressWarnings("unchecked")
      List<Object> values = (List<Object>) load(ptr, tuple);
      return values;
    }
    List<Object> values = new ArrayList<>();
    for (WitType t : types) {
      values.add(liftFlatValue(flat, t));
    }
    return Collections.unmodifiableList(values);
  }

  /**
   * Lowers a function's parameters or results to core values: flat when they take at most {@code
   * maxFlat} core values, else into a tuple in memory, allocated with realloc (the returned list is
   * its pointer) or written at {@code outPtr} when the caller gave one (the list is empty).
   */
  public List<Object> lowerValues(List<?> values, List<WitType> types, int maxFlat, Long outPtr) {
    if (values.size() != types.size()) {
      throw badValue("expected " + types.size() + " values, got " + values.size());
    }
    if (layouts.flatCount(types, maxFlat) > maxFlat) {
      WitType tuple = new WitType.TupleType(types);
      int align = layouts.alignment(tuple);
      int size = layouts.size(tuple);
      long ptr;
      List<Object> flat;
      if (outPtr == null) {
        ptr = allocate(align, size);
        flat = List.of((int) ptr);
      } else {
        ptr = outPtr;
        flat = List.of();
      }
      checkRange(ptr, align, size, "the value tuple");
      store(values, tuple, ptr);
      return flat;
    }
    List<Object> flat = new ArrayList<>();
    for (int i = 0; i < types.size(); i++) {
      flat.addAll(lowerFlatValue(values.get(i), types.get(i)));
    }
    return Collections.unmodifiableList(flat);
  }

  /**
   * Lifts one value from core values.
   *
   * @throws IllegalArgumentException when the type flattens to more than {@link
   *     Layouts#MAX_FLAT_PARAMS} core values (such values pass through memory)
   */
  public Object liftFlat(FlatReader in, WitType t) {
    requireFlat(t);
    return liftFlatValue(in, t);
  }

  private void requireFlat(WitType t) {
    if (layouts.flatten(t).size() > Layouts.MAX_FLAT_PARAMS) {
      throw new IllegalArgumentException(
          "a value of " + t + " takes more than " + Layouts.MAX_FLAT_PARAMS + " core values");
    }
  }

  private Object liftFlatValue(FlatReader in, WitType t) {
    charge(VALUE_COST);
    return switch (t) {
      case Primitive p ->
          switch (p) {
            case BOOL -> in.i32() != 0;
            case U8 -> in.i32() & 0xFF;
            case S8 -> (int) (byte) in.i32();
            case U16 -> in.i32() & 0xFFFF;
            case S16 -> (int) (short) in.i32();
            case S32 -> in.i32();
            case U32 -> Integer.toUnsignedLong(in.i32());
            case S64, U64 -> (Long) in.next(CoreValType.I64);
            case F32 -> canonical((Float) in.next(CoreValType.F32));
            case F64 -> canonical((Double) in.next(CoreValType.F64));
            case CHAR -> toChar(in.i32());
            case STRING -> {
              long ptr = Integer.toUnsignedLong(in.i32());
              yield loadString(ptr, Integer.toUnsignedLong(in.i32()));
            }
          };
      case WitType.ListType l -> {
        long ptr = Integer.toUnsignedLong(in.i32());
        yield loadList(ptr, Integer.toUnsignedLong(in.i32()), l.element());
      }
      case WitType.RecordType r -> {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (WitType.Field f : r.fields()) {
          fields.put(f.name(), liftFlatValue(in, f.type()));
        }
        yield Collections.unmodifiableMap(fields);
      }
      case WitType.TupleType tu -> {
        List<Object> items = new ArrayList<>();
        for (WitType e : tu.types()) {
          items.add(liftFlatValue(in, e));
        }
        yield Collections.unmodifiableList(items);
      }
      case WitType.FlagsType f -> unpackFlags(Integer.toUnsignedLong(in.i32()), f);
      case WitType.OwnType o -> liftOwn(Integer.toUnsignedLong(in.i32()), o.resource());
      case WitType.BorrowType b -> liftBorrow(Integer.toUnsignedLong(in.i32()), b.resource());
      default -> liftFlatVariant(in, t);
    };
  }

  private Object liftFlatVariant(FlatReader in, WitType t) {
    List<WitType.Case> cases = Layouts.cases(t);
    List<CoreValType> flatTypes = new ArrayList<>(layouts.flatten(t));
    flatTypes.removeFirst();
    long index = Integer.toUnsignedLong(in.i32());
    if (index >= cases.size()) {
      throw trap("discriminant " + index + " of a " + cases.size() + "-case type");
    }
    WitType.Case c = cases.get((int) index);
    int[] used = {0};
    Object payload = null;
    if (c.type() != null) {
      // Each payload value is read as the joined type and converted to the case's own type.
      FlatReader coerce =
          new FlatReader(List.of()) {
            @Override
            Object next(CoreValType want) {
              CoreValType have = flatTypes.get(used[0]++);
              Object x = in.next(have);
              return switch (have) {
                case I32 -> want == CoreValType.F32 ? decodeF32((Integer) x) : x;
                case I64 ->
                    switch (want) {
                      case I32 -> (int) (long) (Long) x;
                      case F32 -> decodeF32((int) (long) (Long) x);
                      case F64 -> canonical(Double.longBitsToDouble((Long) x));
                      default -> x;
                    };
                default -> x;
              };
            }
          };
      payload = liftFlatValue(coerce, c.type());
    }
    for (int i = used[0]; i < flatTypes.size(); i++) {
      in.next(flatTypes.get(i));
    }
    return caseValue(t, c, (int) index, payload);
  }

  private static Object caseValue(WitType t, WitType.Case c, int index, Object payload) {
    return switch (t) {
      case WitType.EnumType e -> c.name();
      case WitType.OptionType o -> index == 0 ? Optional.empty() : Optional.of(payload);
      case WitType.ResultType r -> index == 0 ? WitResult.ok(payload) : WitResult.err(payload);
      default -> new VariantValue(c.name(), payload);
    };
  }

  /**
   * Lowers one value to core values.
   *
   * @throws IllegalArgumentException when the type flattens to more than {@link
   *     Layouts#MAX_FLAT_PARAMS} core values (such values pass through memory)
   */
  public List<Object> lowerFlat(Object v, WitType t) {
    requireFlat(t);
    return lowerFlatValue(v, t);
  }

  private List<Object> lowerFlatValue(Object v, WitType t) {
    return switch (t) {
      case Primitive p ->
          switch (p) {
            case BOOL -> List.of(bool(v) ? 1 : 0);
            case S8, U8, S16, U16, S32, U32 -> List.of((int) integer(v, p));
            case S64, U64 -> List.of(integer(v, p));
            case F32 -> List.of(canonical(f32(v)));
            case F64 -> List.of(canonical(f64(v)));
            case CHAR -> List.of(charCode(v));
            case STRING -> {
              long[] r = storeStringIntoRange(string(v));
              yield List.of((int) r[0], (int) r[1]);
            }
          };
      case WitType.ListType l -> {
        List<?> items = list(v, "a list");
        long ptr = storeListIntoRange(items, l.element());
        yield List.of((int) ptr, items.size());
      }
      case WitType.RecordType r -> {
        Map<String, Object> fields = fields(v, r);
        List<Object> flat = new ArrayList<>();
        for (WitType.Field f : r.fields()) {
          flat.addAll(lowerFlatValue(fields.get(f.name()), f.type()));
        }
        yield flat;
      }
      case WitType.TupleType tu -> {
        List<?> items = tuple(v, tu);
        List<Object> flat = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
          flat.addAll(lowerFlatValue(items.get(i), tu.types().get(i)));
        }
        yield flat;
      }
      case WitType.FlagsType f -> List.of((int) packFlags(v, f));
      case WitType.OwnType o -> List.of(lowerOwn(v, o.resource()));
      case WitType.BorrowType b -> List.of(lowerBorrow(v, b.resource()));
      default -> lowerFlatVariant(v, t);
    };
  }

  private List<Object> lowerFlatVariant(Object v, WitType t) {
    List<WitType.Case> cases = Layouts.cases(t);
    int index = caseIndex(v, t, cases);
    WitType.Case c = cases.get(index);
    List<CoreValType> flatTypes = layouts.flatten(t);
    List<Object> flat = new ArrayList<>();
    flat.add(index);
    if (c.type() != null) {
      List<Object> payload = lowerFlatValue(payloadOf(v, t, c), c.type());
      for (int i = 0; i < payload.size(); i++) {
        CoreValType want = flatTypes.get(1 + i);
        Object fv = payload.get(i);
        flat.add(
            switch (want) {
              case I32 -> fv instanceof Float f ? Float.floatToRawIntBits(f) : fv;
              case I64 ->
                  switch (fv) {
                    case Integer x -> Integer.toUnsignedLong(x);
                    case Float f -> Integer.toUnsignedLong(Float.floatToRawIntBits(f));
                    case Double d -> Double.doubleToRawLongBits(d);
                    default -> fv;
                  };
              default -> fv;
            });
      }
    }
    for (int i = flat.size(); i < flatTypes.size(); i++) {
      flat.add(zero(flatTypes.get(i)));
    }
    return flat;
  }

  private static Object zero(CoreValType t) {
    return switch (t) {
      case I64 -> 0L;
      case F32 -> 0.0f;
      case F64 -> 0.0d;
      default -> 0;
    };
  }

  // ---------------------------------------------------------------- memory

  /** Loads a value of type {@code t} from memory at {@code ptr}. */
  public Object load(long ptr, WitType t) {
    checkRange(ptr, layouts.alignment(t), layouts.size(t), "a value");
    return loadChecked(ptr, t);
  }

  private Object loadChecked(long ptr, WitType t) {
    charge(VALUE_COST);
    return switch (t) {
      case Primitive p ->
          switch (p) {
            case BOOL -> memory.readInt(ptr, 1) != 0;
            case U8 -> (int) memory.readInt(ptr, 1);
            case S8 -> (int) (byte) memory.readInt(ptr, 1);
            case U16 -> (int) memory.readInt(ptr, 2);
            case S16 -> (int) (short) memory.readInt(ptr, 2);
            case S32 -> (int) memory.readInt(ptr, 4);
            case U32 -> memory.readInt(ptr, 4);
            case S64, U64 -> memory.readInt(ptr, 8);
            case F32 -> decodeF32((int) memory.readInt(ptr, 4));
            case F64 -> canonical(Double.longBitsToDouble(memory.readInt(ptr, 8)));
            case CHAR -> toChar((int) memory.readInt(ptr, 4));
            case STRING -> loadString(memory.readInt(ptr, 4), memory.readInt(ptr + 4, 4));
          };
      case WitType.ListType l ->
          loadList(memory.readInt(ptr, 4), memory.readInt(ptr + 4, 4), l.element());
      case WitType.RecordType r -> {
        Map<String, Object> fields = new LinkedHashMap<>();
        long at = ptr;
        for (WitType.Field f : r.fields()) {
          at = Layouts.alignTo(at, layouts.alignment(f.type()));
          fields.put(f.name(), loadChecked(at, f.type()));
          at += layouts.size(f.type());
        }
        yield Collections.unmodifiableMap(fields);
      }
      case WitType.TupleType tu -> {
        List<Object> items = new ArrayList<>();
        long at = ptr;
        for (WitType e : tu.types()) {
          at = Layouts.alignTo(at, layouts.alignment(e));
          items.add(loadChecked(at, e));
          at += layouts.size(e);
        }
        yield Collections.unmodifiableList(items);
      }
      case WitType.FlagsType f ->
          unpackFlags(memory.readInt(ptr, Layouts.flagsSize(f.names().size())), f);
      case WitType.OwnType o -> liftOwn(memory.readInt(ptr, 4), o.resource());
      case WitType.BorrowType b -> liftBorrow(memory.readInt(ptr, 4), b.resource());
      default -> {
        List<WitType.Case> cases = Layouts.cases(t);
        long index = memory.readInt(ptr, Layouts.discriminantSize(cases.size()));
        if (index >= cases.size()) {
          throw trap("discriminant " + index + " of a " + cases.size() + "-case type");
        }
        WitType.Case c = cases.get((int) index);
        Object payload =
            c.type() == null ? null : loadChecked(ptr + layouts.payloadOffset(cases), c.type());
        yield caseValue(t, c, (int) index, payload);
      }
    };
  }

  /** Stores a value of type {@code t} at {@code ptr}, which must be aligned and in bounds. */
  public void store(Object v, WitType t, long ptr) {
    checkRange(ptr, layouts.alignment(t), layouts.size(t), "a value");
    storeChecked(v, t, ptr);
  }

  private void storeChecked(Object v, WitType t, long ptr) {
    switch (t) {
      case Primitive p -> {
        switch (p) {
          case BOOL -> memory.writeInt(ptr, 1, bool(v) ? 1 : 0);
          case S8, U8 -> memory.writeInt(ptr, 1, integer(v, p));
          case S16, U16 -> memory.writeInt(ptr, 2, integer(v, p));
          case S32, U32 -> memory.writeInt(ptr, 4, integer(v, p));
          case S64, U64 -> memory.writeInt(ptr, 8, integer(v, p));
          case F32 -> memory.writeInt(ptr, 4, Float.floatToRawIntBits(canonical(f32(v))));
          case F64 -> memory.writeInt(ptr, 8, Double.doubleToRawLongBits(canonical(f64(v))));
          case CHAR -> memory.writeInt(ptr, 4, charCode(v));
          case STRING -> {
            long[] r = storeStringIntoRange(string(v));
            memory.writeInt(ptr, 4, r[0]);
            memory.writeInt(ptr + 4, 4, r[1]);
          }
        }
      }
      case WitType.ListType l -> {
        List<?> items = list(v, "a list");
        long begin = storeListIntoRange(items, l.element());
        memory.writeInt(ptr, 4, begin);
        memory.writeInt(ptr + 4, 4, items.size());
      }
      case WitType.RecordType r -> {
        Map<String, Object> fields = fields(v, r);
        long at = ptr;
        for (WitType.Field f : r.fields()) {
          at = Layouts.alignTo(at, layouts.alignment(f.type()));
          storeChecked(fields.get(f.name()), f.type(), at);
          at += layouts.size(f.type());
        }
      }
      case WitType.TupleType tu -> {
        List<?> items = tuple(v, tu);
        long at = ptr;
        for (int i = 0; i < items.size(); i++) {
          WitType e = tu.types().get(i);
          at = Layouts.alignTo(at, layouts.alignment(e));
          storeChecked(items.get(i), e, at);
          at += layouts.size(e);
        }
      }
      case WitType.FlagsType f ->
          memory.writeInt(ptr, Layouts.flagsSize(f.names().size()), packFlags(v, f));
      case WitType.OwnType o -> memory.writeInt(ptr, 4, lowerOwn(v, o.resource()));
      case WitType.BorrowType b -> memory.writeInt(ptr, 4, lowerBorrow(v, b.resource()));
      default -> {
        List<WitType.Case> cases = Layouts.cases(t);
        int index = caseIndex(v, t, cases);
        WitType.Case c = cases.get(index);
        memory.writeInt(ptr, Layouts.discriminantSize(cases.size()), index);
        if (c.type() != null) {
          storeChecked(payloadOf(v, t, c), c.type(), ptr + layouts.payloadOffset(cases));
        }
      }
    }
  }

  // ---------------------------------------------------------------- strings

  private String loadString(long ptr, long taggedCodeUnits) {
    boolean utf16;
    long byteLength;
    int alignment;
    switch (encoding) {
      case UTF8 -> {
        utf16 = false;
        byteLength = taggedCodeUnits;
        alignment = 1;
      }
      case UTF16 -> {
        utf16 = true;
        byteLength = 2 * taggedCodeUnits;
        alignment = 2;
      }
      default -> {
        alignment = 2;
        utf16 = (taggedCodeUnits & UTF16_TAG) != 0;
        byteLength = utf16 ? 2 * (taggedCodeUnits ^ UTF16_TAG) : taggedCodeUnits;
      }
    }
    if (byteLength > MAX_STRING_BYTES) {
      throw trap("a string of " + byteLength + " bytes is over the limit of " + MAX_STRING_BYTES);
    }
    checkRange(ptr, alignment, byteLength, "a string");
    charge(byteLength);
    byte[] bytes = new byte[(int) byteLength];
    memory.read(ptr, bytes, bytes.length);
    Charset charset =
        encoding == StringEncoding.UTF8
            ? StandardCharsets.UTF_8
            : utf16 ? StandardCharsets.UTF_16LE : StandardCharsets.ISO_8859_1;
    try {
      return charset
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw trap("a string at " + ptr + " is not valid " + charset.name());
    }
  }

  /** Writes a string into freshly allocated memory; returns {pointer, tagged code units}. */
  private long[] storeStringIntoRange(String s) {
    boolean latin1 = encoding == StringEncoding.LATIN1_UTF16 && s.chars().allMatch(c -> c < 256);
    byte[] bytes;
    int alignment;
    long units;
    if (encoding == StringEncoding.UTF8) {
      bytes = encodeStrict(s, StandardCharsets.UTF_8);
      alignment = 1;
      units = bytes.length;
    } else if (latin1) {
      bytes = s.getBytes(StandardCharsets.ISO_8859_1);
      alignment = 2;
      units = bytes.length;
    } else {
      bytes = encodeStrict(s, StandardCharsets.UTF_16LE);
      alignment = 2;
      units = s.length() | (encoding == StringEncoding.LATIN1_UTF16 ? UTF16_TAG : 0);
    }
    if (bytes.length > MAX_STRING_BYTES) {
      throw badValue("a string of " + bytes.length + " bytes is over the limit");
    }
    long ptr = allocate(alignment, bytes.length);
    checkRange(ptr, alignment, bytes.length, "realloc's block for a string");
    memory.write(ptr, bytes, bytes.length);
    return new long[] {ptr, units};
  }

  private byte[] encodeStrict(String s, Charset charset) {
    try {
      ByteBuffer b =
          charset
              .newEncoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .encode(CharBuffer.wrap(s));
      byte[] out = new byte[b.remaining()];
      b.get(out);
      return out;
    } catch (CharacterCodingException e) {
      throw badValue("a string with an unpaired surrogate is not valid Unicode");
    }
  }

  // ---------------------------------------------------------------- lists

  private List<Object> loadList(long ptr, long length, WitType element) {
    long size = layouts.size(element);
    long byteLength = length * size;
    if (byteLength > MAX_LIST_BYTES) {
      throw trap("a list of " + byteLength + " bytes is over the limit of " + MAX_LIST_BYTES);
    }
    checkRange(ptr, layouts.alignment(element), byteLength, "a list");
    List<Object> items = new ArrayList<>();
    for (long i = 0; i < length; i++) {
      items.add(loadChecked(ptr + i * size, element));
    }
    return Collections.unmodifiableList(items);
  }

  private long storeListIntoRange(List<?> items, WitType element) {
    long size = layouts.size(element);
    int alignment = layouts.alignment(element);
    long byteLength = items.size() * size;
    if (byteLength > MAX_LIST_BYTES) {
      throw badValue("a list of " + byteLength + " bytes is over the limit");
    }
    long ptr = allocate(alignment, byteLength);
    checkRange(ptr, alignment, byteLength, "realloc's block for a list");
    for (int i = 0; i < items.size(); i++) {
      storeChecked(items.get(i), element, ptr + i * size);
    }
    return ptr;
  }

  // ---------------------------------------------------------------- resources

  private ResourceValue liftOwn(long handle, ResourceType type) {
    HandleTable.Handle h = state.handles().get(handle);
    if (h.type != type) {
      throw trap("handle " + handle + " is a `" + h.type + "`, not a `" + type + "`");
    }
    if (!h.own) {
      throw trap("handle " + handle + " is borrowed, not owned");
    }
    if (h.lends != 0) {
      throw trap("handle " + handle + " is lent out and cannot be moved");
    }
    state.handles().remove(handle);
    return new ResourceValue(type, h.rep, true, state.destructor(type));
  }

  private ResourceValue liftBorrow(long handle, ResourceType type) {
    HandleTable.Handle h = state.handles().get(handle);
    if (h.type != type) {
      throw trap("handle " + handle + " is a `" + h.type + "`, not a `" + type + "`");
    }
    h.lends++;
    lent.add(h);
    return new ResourceValue(type, h.rep, false, null);
  }

  private int lowerOwn(Object v, ResourceType type) {
    ResourceValue r = resource(v, type);
    r.moveOut();
    return state.handles().add(type, r.rep(), true);
  }

  private int lowerBorrow(Object v, ResourceType type) {
    ResourceValue r = resource(v, type);
    if (r.isGone()) {
      throw badValue("cannot lend a `" + type + "` resource that was dropped or passed on");
    }
    if (state.implementsType(type)) {
      return r.rep();
    }
    state.borrowed();
    return state.handles().add(type, r.rep(), false);
  }

  private static ResourceValue resource(Object v, ResourceType type) {
    if (!(v instanceof ResourceValue r)) {
      throw badValue("expected a `" + type + "` resource, got " + describe(v));
    }
    if (r.type() != type) {
      throw badValue("expected a `" + type + "` resource, got a `" + r.type() + "`");
    }
    return r;
  }

  // ---------------------------------------------------------------- helpers

  private long allocate(int alignment, long size) {
    if (realloc == null || memory == null) {
      throw trap("the function needs memory and realloc options to pass this value");
    }
    charge(size);
    return realloc.realloc(0, 0, alignment, size);
  }

  private void checkRange(long ptr, int alignment, long length, String what) {
    if (memory == null) {
      throw trap("the function has no memory to hold " + what);
    }
    if (ptr % alignment != 0) {
      throw trap(what + " at " + ptr + " is not aligned to " + alignment + " bytes");
    }
    if (ptr < 0 || ptr + length > memory.size()) {
      throw trap(
          what
              + " at "
              + ptr
              + " of "
              + length
              + " bytes ends past the memory's "
              + memory.size()
              + " bytes");
    }
  }

  private void charge(long bytes) {
    transferred += bytes;
    if (transferred > maxTransferBytes) {
      throw trap("the value is larger than the transfer limit of " + maxTransferBytes + " bytes");
    }
  }

  private static float decodeF32(int bits) {
    return canonical(Float.intBitsToFloat(bits));
  }

  private static float canonical(float f) {
    return Float.isNaN(f) ? Float.intBitsToFloat(CANONICAL_NAN32) : f;
  }

  private static double canonical(double d) {
    return Double.isNaN(d) ? Double.longBitsToDouble(CANONICAL_NAN64) : d;
  }

  private static String toChar(int code) {
    if (code < 0 || code >= 0x110000 || (code >= 0xD800 && code <= 0xDFFF)) {
      throw trap("char " + Integer.toUnsignedString(code) + " is not a Unicode scalar value");
    }
    return Character.toString(code);
  }

  private static int charCode(Object v) {
    if (v instanceof Character c) {
      v = String.valueOf(c);
    }
    if (v instanceof String s && !s.isEmpty() && s.codePointCount(0, s.length()) == 1) {
      int cp = s.codePointAt(0);
      if (cp < 0xD800 || cp > 0xDFFF) {
        return cp;
      }
    }
    throw badValue("expected a char (a string of one Unicode scalar value), got " + describe(v));
  }

  private static boolean bool(Object v) {
    if (v instanceof Boolean b) {
      return b;
    }
    throw badValue("expected a bool, got " + describe(v));
  }

  private static float f32(Object v) {
    if (v instanceof Float f) {
      return f;
    }
    throw badValue("expected an f32 (Float), got " + describe(v));
  }

  private static double f64(Object v) {
    if (v instanceof Double d) {
      return d;
    }
    if (v instanceof Float f) {
      return f;
    }
    throw badValue("expected an f64 (Double), got " + describe(v));
  }

  private static String string(Object v) {
    if (v instanceof String s) {
      return s;
    }
    throw badValue("expected a string, got " + describe(v));
  }

  /** An integer in the range of {@code p}, as the bits to write. */
  private static long integer(Object v, Primitive p) {
    long x;
    if (p == Primitive.U64 && v instanceof BigInteger big) {
      if (big.signum() < 0 || big.bitLength() > 64) {
        throw badValue("`" + big + "` is out of range for u64");
      }
      return big.longValue();
    }
    if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      x = ((Number) v).longValue();
    } else {
      throw badValue("expected an integer for " + p + ", got " + describe(v));
    }
    long min;
    long max;
    switch (p) {
      case S8 -> {
        min = Byte.MIN_VALUE;
        max = Byte.MAX_VALUE;
      }
      case U8 -> {
        min = 0;
        max = 0xFF;
      }
      case S16 -> {
        min = Short.MIN_VALUE;
        max = Short.MAX_VALUE;
      }
      case U16 -> {
        min = 0;
        max = 0xFFFF;
      }
      case S32 -> {
        min = Integer.MIN_VALUE;
        max = Integer.MAX_VALUE;
      }
      case U32 -> {
        min = 0;
        max = 0xFFFF_FFFFL;
      }
      default -> {
        min = Long.MIN_VALUE;
        max = Long.MAX_VALUE;
      }
    }
    if (x < min || x > max) {
      throw badValue("`" + x + "` is out of range for " + p);
    }
    return x;
  }

  private static List<?> list(Object v, String what) {
    if (v instanceof List<?> l) {
      return l;
    }
    throw badValue("expected " + what + " (java.util.List), got " + describe(v));
  }

  private static List<?> tuple(Object v, WitType.TupleType t) {
    List<?> items = list(v, "a tuple");
    if (items.size() != t.types().size()) {
      throw badValue("expected a tuple of " + t.types().size() + " values, got " + items.size());
    }
    return items;
  }

  /** A record's fields by name, from a Map or a Java record. */
  private static Map<String, Object> fields(Object v, WitType.RecordType r) {
    Map<String, Object> fields = new LinkedHashMap<>();
    if (v instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        fields.put(String.valueOf(e.getKey()), e.getValue());
      }
    } else if (v instanceof Record rec) {
      for (RecordComponent c : rec.getClass().getRecordComponents()) {
        try {
          c.getAccessor().setAccessible(true);
          fields.put(kebab(c.getName()), c.getAccessor().invoke(rec));
        } catch (ReflectiveOperationException | RuntimeException e) {
          throw badValue("cannot read component `" + c.getName() + "` of " + describe(v));
        }
      }
    } else {
      throw badValue("expected a record (java.util.Map or a Java record), got " + describe(v));
    }
    Set<String> expected = new LinkedHashSet<>();
    for (WitType.Field f : r.fields()) {
      expected.add(f.name());
    }
    if (!fields.keySet().equals(expected)) {
      throw badValue("expected a record with fields " + expected + ", got " + fields.keySet());
    }
    return fields;
  }

  /** {@code movePoint} to {@code move-point}. */
  private static String kebab(String camel) {
    StringBuilder b = new StringBuilder();
    for (char c : camel.toCharArray()) {
      if (Character.isUpperCase(c)) {
        b.append('-').append(Character.toLowerCase(c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  private static long packFlags(Object v, WitType.FlagsType f) {
    if (!(v instanceof Collection<?> set)) {
      throw badValue("expected flags (a java.util.Set of names), got " + describe(v));
    }
    long bits = 0;
    for (Object name : set) {
      int i = f.names().indexOf(String.valueOf(name));
      if (i < 0) {
        throw badValue("unknown flag `" + name + "`; the flags are " + f.names());
      }
      bits |= 1L << i;
    }
    return bits;
  }

  private static Set<String> unpackFlags(long bits, WitType.FlagsType f) {
    Set<String> set = new LinkedHashSet<>();
    for (int i = 0; i < f.names().size(); i++) {
      if ((bits >>> i & 1) != 0) {
        set.add(f.names().get(i));
      }
    }
    return Collections.unmodifiableSet(set);
  }

  private static int caseIndex(Object v, WitType t, List<WitType.Case> cases) {
    String name =
        switch (t) {
          case WitType.EnumType e -> {
            if (!(v instanceof String s)) {
              throw badValue("expected an enum case name, got " + describe(v));
            }
            yield s;
          }
          case WitType.OptionType o -> {
            if (!(v instanceof Optional<?> opt)) {
              throw badValue("expected an option (java.util.Optional), got " + describe(v));
            }
            yield opt.isPresent() ? "some" : "none";
          }
          case WitType.ResultType r -> {
            if (!(v instanceof WitResult res)) {
              throw badValue("expected a result (WitResult), got " + describe(v));
            }
            yield res instanceof WitResult.Ok ? "ok" : "error";
          }
          default -> {
            if (!(v instanceof VariantValue vv)) {
              throw badValue("expected a variant (VariantValue), got " + describe(v));
            }
            yield vv.caseName();
          }
        };
    for (int i = 0; i < cases.size(); i++) {
      if (cases.get(i).name().equals(name)) {
        return i;
      }
    }
    throw badValue(
        "unknown case `"
            + name
            + "`; the cases are "
            + cases.stream().map(WitType.Case::name).toList());
  }

  private static Object payloadOf(Object v, WitType t, WitType.Case c) {
    Object payload =
        switch (t) {
          case WitType.OptionType o -> ((Optional<?>) v).orElse(null);
          case WitType.ResultType r -> ((WitResult) v).value();
          default -> ((VariantValue) v).payload();
        };
    if (payload == null) {
      throw badValue("case `" + c.name() + "` needs a payload of type " + c.type());
    }
    return payload;
  }

  private static String describe(Object v) {
    return v == null ? "null" : v.getClass().getSimpleName() + " `" + abbreviate(v) + "`";
  }

  private static String abbreviate(Object v) {
    String s = String.valueOf(v);
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }
}
