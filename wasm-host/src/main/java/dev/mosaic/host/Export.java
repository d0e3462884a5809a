package dev.mosaic.host;

import dev.mosaic.host.abi.AbiKind;
import dev.mosaic.host.abi.AbiSignature;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.diag.Diagnostic;
import java.util.Arrays;
import java.util.List;

/**
 * One export of a {@link Composition}, looked up and checked once ({@link
 * Composition#export(String, String)}) and called any number of times with only its arguments.
 * Arguments and results follow {@link Composition#call}: numbers as {@link Number}s, {@code string}
 * as {@link String}, {@code bytes} as {@code byte[]}. The typed calls ({@link #callLong}, {@link
 * #callInt}, {@link #callDouble}, {@link #callString}, {@link #callBytes}) check that the export's
 * declared result fits the Java type the caller asks for, and refuse with E9004 when it does not.
 *
 * <p>Thread-safety: immutable and thread-safe. Calls through a handle are serialized by its
 * composition, as every call on the composition is; a handle of a closed composition throws E9008.
 */
public final class Export {
  private final Composition composition;
  private final String component;
  private final String function;
  private final AbiSignature signature;

  Export(Composition composition, String component, String function, AbiSignature signature) {
    this.composition = composition;
    this.component = component;
    this.function = function;
    this.signature = signature;
  }

  /** The component that exports the function. */
  public String component() {
    return component;
  }

  /** The export's name. */
  public String function() {
    return function;
  }

  /** The export's guest ABI signature, as {@link Composition#signature} gives it. */
  public AbiSignature signature() {
    return signature;
  }

  /**
   * Calls the export; see {@link Composition#call} for how arguments and results are converted.
   *
   * @return a {@link Long}, {@link Double}, {@link String}, {@code byte[]} or {@code null}
   * @throws MosaicException E9004 for arguments that do not fit the signature; any other code a
   *     call can fail with
   */
  public Object call(Object... args) {
    return composition.call(component, function, Arrays.asList(args));
  }

  /**
   * Calls an export whose result is {@code i32} or {@code i64}.
   *
   * @throws MosaicException E9004 when the export returns another kind
   */
  public long callLong(Object... args) {
    expect(AbiKind.I32, AbiKind.I64);
    return ((Number) call(args)).longValue();
  }

  /**
   * Calls an export whose result is {@code i32}, as a Java {@code int} (the guest's 32 bits, read
   * as signed).
   *
   * @throws MosaicException E9004 when the export returns another kind
   */
  public int callInt(Object... args) {
    expect(AbiKind.I32);
    return ((Number) call(args)).intValue();
  }

  /**
   * Calls an export whose result is a number of any kind, as a {@code double}.
   *
   * @throws MosaicException E9004 when the export returns no number
   */
  public double callDouble(Object... args) {
    expect(AbiKind.I32, AbiKind.I64, AbiKind.F32, AbiKind.F64);
    return ((Number) call(args)).doubleValue();
  }

  /**
   * Calls an export whose result is {@code string}.
   *
   * @throws MosaicException E9004 when the export returns another kind
   */
  public String callString(Object... args) {
    expect(AbiKind.STRING);
    return (String) call(args);
  }

  /**
   * Calls an export whose result is {@code bytes}.
   *
   * @throws MosaicException E9004 when the export returns another kind
   */
  public byte[] callBytes(Object... args) {
    expect(AbiKind.BYTES);
    return (byte[]) call(args);
  }

  private void expect(AbiKind... kinds) {
    AbiKind result = signature.result();
    if (result == null || !List.of(kinds).contains(result)) {
      throw new MosaicException(
          Diagnostic.of(
                  HostCodes.BAD_CALL,
                  "`"
                      + component
                      + "."
                      + function
                      + "` returns "
                      + (result == null ? "nothing" : result.text())
                      + ", not "
                      + kinds[kinds.length - 1].text())
              .withHelp("call it with the typed call that matches its result, or with `call`"));
    }
  }

  /** {@code component.function(signature)}. */
  @Override
  public String toString() {
    return component + "." + function + signature;
  }
}
