package dev.mosaic.plan.wasm;

/**
 * Imports that toolchains add for their own runtimes, which no component provides: for them an
 * unbound import (E6004) says which toolchain put it there and how to build without it.
 */
public final class RuntimeImports {
  private RuntimeImports() {}

  /** A help line naming the toolchain and the fix, or {@code null} for an ordinary import. */
  public static String help(String module, String name) {
    if (module.equals("env") && name.equals("abort")) {
      return "`env.abort` is AssemblyScript's runtime import: compile with `--use"
          + " abort=__mosaic_abort` and the Mosaic kit (guest-kits/assemblyscript), or `--use"
          + " abort=` a function of your own; see docs/guests/assemblyscript.md";
    }
    if (module.equals("env")
        && (name.startsWith("emscripten_")
            || name.startsWith("__syscall")
            || name.startsWith("_emscripten")
            || name.equals("invoke_vi")
            || name.startsWith("invoke_"))) {
      return "`env."
          + name
          + "` comes from Emscripten's JavaScript runtime, which Mosaic does not provide: build"
          + " with `emcc -sSTANDALONE_WASM` or with clang and wasi-libc (`--target=wasm32-wasi`);"
          + " see docs/guests/c.md";
    }
    if (module.equals("wasi_unstable")) {
      return "`wasi_unstable` is WASI preview 0, which Mosaic does not provide: rebuild with a"
          + " toolchain that targets WASI preview 1 (`wasi_snapshot_preview1`)";
    }
    if (module.startsWith("wasi:")) {
      return "`"
          + module
          + "` is a WASI preview 2 (component model) interface: build a core module for WASI"
          + " preview 1 instead (Rust: `--target wasm32-wasip1`)";
    }
    return null;
  }
}
