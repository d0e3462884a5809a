package dev.mosaic.host.component.abi;

import dev.mosaic.host.component.CoreValType;
import dev.mosaic.host.component.Primitive;
import dev.mosaic.host.component.WitType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * Sizes, alignments and flat core types of value types by the canonical ABI (CanonicalABI.md:
 * alignment, elem_size, flatten_type), for 32-bit memories. Results are cached per type object, so
 * shared subtypes are measured once.
 *
 * <p>Flattening stops counting once it passes {@link #MAX_FLAT_PARAMS}: past that, parameters and
 * results go through memory and the exact flat list is never needed, so a type whose flat form
 * would be exponentially long costs nothing.
 */
public final class Layouts {
  public static final int MAX_FLAT_PARAMS = 16;
  public static final int MAX_FLAT_RESULTS = 1;

  /** Largest size of a value type (Binary.md: elem_size must be below 2^28). */
  public static final long MAX_SIZE = 1L << 28;

  private static final int FLAT_CAP = MAX_FLAT_PARAMS + 1;

  private final IdentityHashMap<WitType, Integer> sizes = new IdentityHashMap<>();
  private final IdentityHashMap<WitType, Integer> alignments = new IdentityHashMap<>();
  private final IdentityHashMap<WitType, List<CoreValType>> flats = new IdentityHashMap<>();
  private final IdentityHashMap<WitType, Boolean> memory = new IdentityHashMap<>();

  /** The variant a type despecializes to, or null for types that are not variants. */
  static List<WitType.Case> cases(WitType t) {
    return switch (t) {
      case WitType.VariantType v -> v.cases();
      case WitType.EnumType e -> e.names().stream().map(n -> new WitType.Case(n, null)).toList();
      case WitType.OptionType o ->
          List.of(new WitType.Case("none", null), new WitType.Case("some", o.type()));
      case WitType.ResultType r ->
          List.of(new WitType.Case("ok", r.ok()), new WitType.Case("error", r.error()));
      default -> null;
    };
  }

  /** The field types a type despecializes to (records and tuples), or null. */
  static List<WitType> fieldTypes(WitType t) {
    return switch (t) {
      case WitType.RecordType r -> r.fields().stream().map(WitType.Field::type).toList();
      case WitType.TupleType tu -> tu.types();
      default -> null;
    };
  }

  /** The discriminant size in bytes of a variant with {@code n} cases: 1, 2 or 4. */
  public static int discriminantSize(int n) {
    if (n <= 1 << 8) {
      return 1;
    }
    if (n <= 1 << 16) {
      return 2;
    }
    return 4;
  }

  public int alignment(WitType t) {
    if (t instanceof Primitive p) {
      return p == Primitive.STRING ? 4 : primitiveSize(p);
    }
    Integer known = alignments.get(t);
    if (known != null) {
      return known;
    }
    int a =
        switch (t) {
          case WitType.ListType l -> 4;
          case WitType.FlagsType f -> flagsSize(f.names().size());
          case WitType.OwnType o -> 4;
          case WitType.BorrowType b -> 4;
          default -> {
            List<WitType> fields = fieldTypes(t);
            if (fields != null) {
              int max = 1;
              for (WitType f : fields) {
                max = Math.max(max, alignment(f));
              }
              yield max;
            }
            List<WitType.Case> cases = cases(t);
            yield Math.max(discriminantSize(cases.size()), maxCaseAlignment(cases));
          }
        };
    alignments.put(t, a);
    return a;
  }

  int maxCaseAlignment(List<WitType.Case> cases) {
    int a = 1;
    for (WitType.Case c : cases) {
      if (c.type() != null) {
        a = Math.max(a, alignment(c.type()));
      }
    }
    return a;
  }

  /**
   * The size in bytes of a value of the type in linear memory.
   *
   * @throws ArithmeticException when the size reaches {@link #MAX_SIZE}
   */
  public int size(WitType t) {
    if (t instanceof Primitive p) {
      return primitiveSize(p);
    }
    Integer known = sizes.get(t);
    if (known != null) {
      return known;
    }
    long s =
        switch (t) {
          case WitType.ListType l -> 8;
          case WitType.FlagsType f -> flagsSize(f.names().size());
          case WitType.OwnType o -> 4;
          case WitType.BorrowType b -> 4;
          default -> {
            List<WitType> fields = fieldTypes(t);
            if (fields != null) {
              long offset = 0;
              for (WitType f : fields) {
                offset = alignTo(offset, alignment(f)) + size(f);
                checkSize(offset);
              }
              yield alignTo(offset, alignment(t));
            }
            List<WitType.Case> cases = cases(t);
            long offset = alignTo(discriminantSize(cases.size()), maxCaseAlignment(cases));
            long payload = 0;
            for (WitType.Case c : cases) {
              if (c.type() != null) {
                payload = Math.max(payload, size(c.type()));
              }
            }
            yield alignTo(offset + payload, alignment(t));
          }
        };
    checkSize(s);
    sizes.put(t, (int) s);
    return (int) s;
  }

  /** The offset of the payload in a variant's memory layout. */
  int payloadOffset(List<WitType.Case> cases) {
    return (int) alignTo(discriminantSize(cases.size()), maxCaseAlignment(cases));
  }

  private static void checkSize(long s) {
    if (s >= MAX_SIZE) {
      throw new ArithmeticException("value type of " + s + " bytes or more");
    }
  }

  static int primitiveSize(Primitive p) {
    return switch (p) {
      case BOOL, S8, U8 -> 1;
      case S16, U16 -> 2;
      case S32, U32, F32, CHAR -> 4;
      case S64, U64, F64, STRING -> 8;
    };
  }

  static int flagsSize(int n) {
    return n <= 8 ? 1 : n <= 16 ? 2 : 4;
  }

  static long alignTo(long ptr, int alignment) {
    return (ptr + alignment - 1) / alignment * alignment;
  }

  /**
   * The flat core types of a value type; a list longer than {@link #MAX_FLAT_PARAMS} stands for
   * "too many" and is truncated.
   */
  public List<CoreValType> flatten(WitType t) {
    if (t instanceof Primitive p) {
      return switch (p) {
        case S64, U64 -> List.of(CoreValType.I64);
        case F32 -> List.of(CoreValType.F32);
        case F64 -> List.of(CoreValType.F64);
        case STRING -> List.of(CoreValType.I32, CoreValType.I32);
        default -> List.of(CoreValType.I32);
      };
    }
    List<CoreValType> known = flats.get(t);
    if (known != null) {
      return known;
    }
    List<CoreValType> flat = new ArrayList<>();
    switch (t) {
      case WitType.ListType l -> {
        flat.add(CoreValType.I32);
        flat.add(CoreValType.I32);
      }
      case WitType.FlagsType f -> flat.add(CoreValType.I32);
      case WitType.OwnType o -> flat.add(CoreValType.I32);
      case WitType.BorrowType b -> flat.add(CoreValType.I32);
      default -> {
        List<WitType> fields = fieldTypes(t);
        if (fields != null) {
          for (WitType f : fields) {
            append(flat, flatten(f));
            if (flat.size() >= FLAT_CAP) {
              break;
            }
          }
        } else {
          List<WitType.Case> cases = cases(t);
          List<CoreValType> payload = new ArrayList<>();
          for (WitType.Case c : cases) {
            if (c.type() == null) {
              continue;
            }
            List<CoreValType> cf = flatten(c.type());
            for (int i = 0; i < cf.size() && i < FLAT_CAP; i++) {
              if (i < payload.size()) {
                payload.set(i, join(payload.get(i), cf.get(i)));
              } else {
                payload.add(cf.get(i));
              }
            }
          }
          flat.add(CoreValType.I32);
          append(flat, payload);
        }
      }
    }
    List<CoreValType> result = Collections.unmodifiableList(flat);
    flats.put(t, result);
    return result;
  }

  private static void append(List<CoreValType> flat, List<CoreValType> more) {
    for (CoreValType c : more) {
      if (flat.size() >= FLAT_CAP) {
        return;
      }
      flat.add(c);
    }
  }

  static CoreValType join(CoreValType a, CoreValType b) {
    if (a == b) {
      return a;
    }
    if ((a == CoreValType.I32 && b == CoreValType.F32)
        || (a == CoreValType.F32 && b == CoreValType.I32)) {
      return CoreValType.I32;
    }
    return CoreValType.I64;
  }

  /** The flat core types of a list of types, truncated after {@code max + 1}. */
  public List<CoreValType> flattenAll(List<WitType> types, int max) {
    List<CoreValType> flat = new ArrayList<>();
    for (WitType t : types) {
      for (CoreValType c : flatten(t)) {
        if (flat.size() > max) {
          return flat;
        }
        flat.add(c);
      }
    }
    return flat;
  }

  /** How many flat values the types take, counting at most to {@code max + 1}. */
  public int flatCount(List<WitType> types, int max) {
    return flattenAll(types, max).size();
  }

  /** Whether values of the type live partly in linear memory (strings and lists). */
  public boolean usesMemory(WitType t) {
    if (t == null) {
      return false;
    }
    if (t instanceof Primitive p) {
      return p == Primitive.STRING;
    }
    Boolean known = memory.get(t);
    if (known != null) {
      return known;
    }
    boolean result =
        switch (t) {
          case WitType.ListType l -> true;
          case WitType.FlagsType f -> false;
          case WitType.OwnType o -> false;
          case WitType.BorrowType b -> false;
          default -> {
            List<WitType> fields = fieldTypes(t);
            if (fields != null) {
              yield fields.stream().anyMatch(this::usesMemory);
            }
            yield cases(t).stream().anyMatch(c -> usesMemory(c.type()));
          }
        };
    memory.put(t, result);
    return result;
  }
}
