package dev.mosaic.host.internal;

import dev.mosaic.host.HostCodes;
import dev.mosaic.host.abi.AbiKind;
import dev.mosaic.host.abi.AbiSignature;
import dev.mosaic.plan.FunctionDecl;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.diag.Diagnostic;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * The guest ABI adapters of a composition (docs/guest-abi.md): the arguments of a call lowered to
 * core wasm values (strings and bytes copied into the guest's memory, numbers range-checked), its
 * result lifted back, and the adapter linked for a binding that copies strings and bytes between
 * two guests' memories or carries numbers across contexts.
 */
public final class AbiAdapters {
  private AbiAdapters() {}

  public static Object[] lowerArgs(
      Guest guest, AbiSignature sig, List<Object> args, String component, String function) {
    int coreParams = 0;
    for (AbiKind kind : sig.params()) {
      coreParams += kind.inMemory() ? 2 : 1;
    }
    Object[] out = new Object[coreParams];
    int o = 0;
    for (int i = 0; i < args.size(); i++) {
      AbiKind kind = sig.params().get(i);
      Object arg = args.get(i);
      if (kind.inMemory()) {
        byte[] bytes =
            switch (arg) {
              case String s -> s.getBytes(StandardCharsets.UTF_8);
              case byte[] b -> b;
              default ->
                  throw new MosaicException(
                      HostCodes.BAD_CALL,
                      "argument "
                          + (i + 1)
                          + " of `"
                          + component
                          + "."
                          + function
                          + "` must be "
                          + kind.text());
            };
        out[o++] = guest.write(bytes);
        out[o++] = bytes.length;
      } else {
        out[o++] = convert(kind, arg, component, function, i);
      }
    }
    return out;
  }

  public static Object liftResult(Guest guest, AbiSignature sig, Value result) {
    if (sig.result() == null || result == null || result.isNull()) {
      return null;
    }
    return switch (sig.result()) {
      case STRING -> new String(guest.readPacked(result.asLong()), StandardCharsets.UTF_8);
      case BYTES -> guest.readPacked(result.asLong());
      default -> result.fitsInLong() ? (Object) result.asLong() : (Object) result.asDouble();
    };
  }

  private static Object convert(
      AbiKind type, Object arg, String component, String function, int index) {
    if (type == AbiKind.I32 && arg instanceof Integer i) {
      return i; // every int is an i32: the common case needs no range check
    }
    if (type == AbiKind.I64 && (arg instanceof Long || arg instanceof Integer)) {
      return ((Number) arg).longValue();
    }
    String which = "argument " + (index + 1) + " of `" + component + "." + function + "`";
    if (!(arg instanceof Number n)) {
      throw new MosaicException(HostCodes.BAD_CALL, which + " must be a number");
    }
    return switch (type) {
      case I32 -> (int) integer(n, Integer.MIN_VALUE, 0xFFFF_FFFFL, which, type);
      case I64 -> integer(n, Long.MIN_VALUE, Long.MAX_VALUE, which, type);
      case F32 -> n.floatValue();
      case F64 -> n.doubleValue();
      default ->
          throw new MosaicException(
              HostCodes.BAD_CALL, which + " has unsupported type " + type.text());
    };
  }

  /**
   * The exact integer value of {@code n} when it lies in {@code [min, max]}; a fraction, a
   * non-finite float or a value out of range is refused rather than truncated or wrapped (an {@code
   * i32} takes signed and unsigned 32-bit values).
   */
  private static long integer(Number n, long min, long max, String which, AbiKind type) {
    BigDecimal exact;
    try {
      exact =
          switch (n) {
            case Long l -> BigDecimal.valueOf(l);
            case Integer i -> BigDecimal.valueOf(i);
            case Short s -> BigDecimal.valueOf(s);
            case Byte b -> BigDecimal.valueOf(b);
            case BigInteger b -> new BigDecimal(b);
            case BigDecimal d -> d;
            default -> new BigDecimal(n.doubleValue());
          };
    } catch (NumberFormatException e) {
      throw new MosaicException(
          HostCodes.BAD_CALL, which + " is " + type.text() + ", got " + n + ", not an integer");
    }
    if (exact.signum() != 0 && exact.stripTrailingZeros().scale() > 0) {
      throw new MosaicException(
          Diagnostic.of(
                  HostCodes.BAD_CALL,
                  which + " is " + type.text() + ", got " + n + ", which has a fraction")
              .withHelp("pass a whole number; fractions are not truncated"));
    }
    if (exact.compareTo(BigDecimal.valueOf(min)) < 0
        || exact.compareTo(BigDecimal.valueOf(max)) > 0) {
      throw new MosaicException(
          Diagnostic.of(
                  HostCodes.BAD_CALL,
                  which + " is " + type.text() + ", got " + n + ", which is out of its range")
              .withHelp(type.text() + " takes " + min + " to " + max));
    }
    return exact.longValueExact();
  }

  /**
   * The value linked for one binding: the export itself when only numbers cross, else an adapter
   * that copies strings and bytes between the two memories.
   */
  public static Object bindingTarget(
      Guest importer, Guest exporter, String exportName, boolean acrossContexts) {
    FunctionDecl decl =
        exporter.component().exports().stream()
            .filter(f -> f.name().equals(exportName))
            .findFirst()
            .orElseThrow();
    AbiSignature sig = exporter.abi().declared().get(decl.name());
    Value target = exporter.function(exportName);
    if (sig == null || !sig.usesMemory()) {
      if (!acrossContexts) {
        return target;
      }
      // A value of one context cannot be handed to another: numbers cross as Java numbers.
      return (ProxyExecutable) args -> plain(target.execute(plainArgs(args)));
    }
    int coreParams = sig.lower().params().size();
    return (ProxyExecutable)
        args -> {
          Object[] out = new Object[coreParams];
          int in = 0;
          int o = 0;
          for (AbiKind kind : sig.params()) {
            if (kind.inMemory()) {
              byte[] bytes = importer.read(args[in].asInt(), args[in + 1].asInt());
              in += 2;
              out[o++] = exporter.write(bytes);
              out[o++] = bytes.length;
            } else {
              out[o++] = plain(args[in++]);
            }
          }
          Value result = target.execute(out);
          if (sig.result() == null) {
            return null;
          }
          if (sig.result().inMemory()) {
            return importer.writePacked(exporter.readPacked(result.asLong()));
          }
          return plain(result);
        };
  }

  private static Object[] plainArgs(Value[] args) {
    Object[] out = new Object[args.length];
    for (int i = 0; i < args.length; i++) {
      out[i] = plain(args[i]);
    }
    return out;
  }

  /** A wasm number as a Java number, so it may cross into another context; null for none. */
  private static Object plain(Value v) {
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.fitsInInt()) {
      return v.asInt();
    }
    if (v.fitsInLong()) {
      return v.asLong();
    }
    return v.fitsInFloat() && !v.fitsInDouble() ? v.asFloat() : v.asDouble();
  }
}
