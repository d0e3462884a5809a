package dev.mosaic.host.abi;

import java.util.List;

/**
 * The kind of a parameter or result in guest ABI v1 (docs/guest-abi.md). Numbers pass as core wasm
 * values; {@link #STRING} and {@link #BYTES} pass as {@code (ptr, len)} in the guest's memory and,
 * as a result, as one i64 {@code ptr << 32 | len}.
 */
public enum AbiKind {
  /** A 32-bit integer. */
  I32("i32"),
  /** A 64-bit integer. */
  I64("i64"),
  /** A 32-bit float. */
  F32("f32"),
  /** A 64-bit float. */
  F64("f64"),
  /** UTF-8 text in guest memory. */
  STRING("string"),
  /** Raw bytes in guest memory. */
  BYTES("bytes");

  private final String text;

  AbiKind(String text) {
    this.text = text;
  }

  /** The name used in {@code mosaic.abi} declarations. */
  public String text() {
    return text;
  }

  /** True for kinds that live in guest memory. */
  public boolean inMemory() {
    return this == STRING || this == BYTES;
  }

  /** Core wasm types this kind lowers to as a parameter. */
  public List<String> paramCoreTypes() {
    return inMemory() ? List.of("i32", "i32") : List.of(text);
  }

  /** Core wasm type this kind lowers to as a result. */
  public String resultCoreType() {
    return inMemory() ? "i64" : text;
  }

  /** The kind named {@code text}, or {@code null}. */
  static AbiKind parse(String text) {
    for (AbiKind k : values()) {
      if (k.text.equals(text)) {
        return k;
      }
    }
    return null;
  }
}
