package dev.mosaic.host.component;

/** How a component's linear memory holds strings. */
public enum StringEncoding {
  UTF8,
  UTF16,
  /** Latin-1 when every code point fits a byte, else UTF-16 with the length's top bit set. */
  LATIN1_UTF16
}
