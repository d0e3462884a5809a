package dev.mosaic.host;

/**
 * Whether a module has a start function, read from its section headers without parsing the rest
 * (the binary was validated before it gets here). Only a start function runs guest code while a
 * module is instantiated, so only then does instantiation run under the call's time limit.
 */
final class StartFunction {
  private static final int START_SECTION = 8;

  private StartFunction() {}

  static boolean present(byte[] wasm) {
    int at = 8; // magic and version
    while (at < wasm.length) {
      int id = wasm[at++] & 0xFF;
      long size = 0;
      int shift = 0;
      while (at < wasm.length) {
        int b = wasm[at++] & 0xFF;
        size |= (long) (b & 0x7F) << shift;
        shift += 7;
        if ((b & 0x80) == 0 || shift > 35) {
          break;
        }
      }
      if (id == START_SECTION) {
        return true;
      }
      at += (int) Math.min(size, Integer.MAX_VALUE - at);
    }
    return false;
  }
}
