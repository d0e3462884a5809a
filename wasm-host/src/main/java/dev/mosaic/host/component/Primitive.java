package dev.mosaic.host.component;

/** The primitive value types of the component model. */
public enum Primitive implements ValType, WitType {
  BOOL("bool"),
  S8("s8"),
  U8("u8"),
  S16("s16"),
  U16("u16"),
  S32("s32"),
  U32("u32"),
  S64("s64"),
  U64("u64"),
  F32("f32"),
  F64("f64"),
  CHAR("char"),
  STRING("string");

  private final String wit;

  Primitive(String wit) {
    this.wit = wit;
  }

  /** The type's name in WIT. */
  public String wit() {
    return wit;
  }

  @Override
  public String toString() {
    return wit;
  }
}
