// Mosaic guest ABI v1 for AssemblyScript (docs/guest-abi.md; guide: docs/guests/assemblyscript.md).
//
// In the module's entry file:
//
//   import { alloc } from "<path to>/guest-kits/assemblyscript/assembly/mosaic";
//   export { alloc };
//
//   @mosaic
//   export function upper(s: string): string {
//     return s.toUpperCase();
//   }
//
// and compile with the transform (transform/abi.mjs), which turns each `@mosaic` export taking or
// returning `string` or `Uint8Array` into an export of the ABI's core type (`(ptr, len)` for each
// such parameter, `ptr << 32 | len` for such a result) and writes the `mosaic.abi` section.
//
// AssemblyScript strings are UTF-16; the ABI's are UTF-8. The wrappers convert both ways, so
// `s.length` in AssemblyScript counts UTF-16 code units while the host counts UTF-8 bytes.

// ---- memory the host writes arguments into ------------------------------------------------

/**
 * The host's allocator: it copies each string or bytes argument in with it. The memory is
 * unmanaged (`heap.alloc`); the generated wrappers free arguments once they are decoded, and the
 * last result once the next call begins, so memory does not grow from call to call.
 */
export function alloc(len: i32): usize {
  return len > 0 ? heap.alloc(<usize>len) : heap.alloc(1);
}

let lastResult: usize = 0;

// @ts-ignore: decorator
@global export function __mosaic_string_in(ptr: usize, len: i32): string {
  const s = String.UTF8.decodeUnsafe(ptr, <usize>len);
  heap.free(ptr);
  return s;
}

// @ts-ignore: decorator
@global export function __mosaic_bytes_in(ptr: usize, len: i32): Uint8Array {
  const b = new Uint8Array(len);
  memory.copy(b.dataStart, ptr, <usize>len);
  heap.free(ptr);
  return b;
}

function result(ptr: usize, len: i32): u64 {
  if (lastResult != 0) {
    heap.free(lastResult);
  }
  lastResult = ptr;
  return (<u64>ptr << 32) | <u64>(<u32>len);
}

// @ts-ignore: decorator
@global export function __mosaic_string_out(s: string): u64 {
  const len = String.UTF8.byteLength(s);
  const ptr = heap.alloc(<usize>max(len, 1));
  String.UTF8.encodeUnsafe(changetype<usize>(s), s.length, ptr);
  return result(ptr, len);
}

// @ts-ignore: decorator
@global export function __mosaic_bytes_out(b: Uint8Array): u64 {
  const ptr = heap.alloc(<usize>max(b.length, 1));
  memory.copy(ptr, b.dataStart, <usize>b.length);
  return result(ptr, b.length);
}

// ---- aborts -----------------------------------------------------------------------------

/**
 * Replaces AssemblyScript's `env.abort` import (compile with `--use abort=__mosaic_abort`, which
 * asconfig.json of the example does): a failed assertion or an out-of-bounds access traps the
 * guest, and the host reports it as E9001, instead of the module needing an `env.abort` import
 * that no component provides.
 */
// @ts-ignore: decorator
@global export function __mosaic_abort(
  message: string | null,
  fileName: string | null,
  line: u32,
  column: u32,
): void {
  unreachable();
}

// ---- host functions (capabilities) ---------------------------------------------------------

// Each is imported only when the module calls it, and linked only when the policy grants it.

// @ts-ignore: decorator
@external("mosaic", "log")
declare function host_log(ptr: usize, len: i32): void;

// @ts-ignore: decorator
@external("mosaic", "clock_now")
declare function host_clock_now(): i64;

// @ts-ignore: decorator
@external("mosaic", "kv_get")
declare function host_kv_get(key: usize, keyLen: i32): i64;

// @ts-ignore: decorator
@external("mosaic", "kv_put")
declare function host_kv_put(key: usize, keyLen: i32, value: usize, valueLen: i32): i32;

/** Writes a line to the host's log (capability `log`). */
export function log(message: string): void {
  const bytes = String.UTF8.encode(message);
  host_log(changetype<usize>(bytes), bytes.byteLength);
}

/** Nanoseconds since the Unix epoch (capability `clock`). */
export function clockNow(): i64 {
  return host_clock_now();
}

/** The value stored under `key` (capability `kv`), or null when there is none or it is denied. */
export function kvGet(key: string): Uint8Array | null {
  const k = String.UTF8.encode(key);
  const packed = host_kv_get(changetype<usize>(k), k.byteLength);
  if (packed < 0) {
    return null;
  }
  // The host placed the value with `alloc`: copy it out and free it.
  return __mosaic_bytes_in(<usize>(<u64>packed >> 32), <i32>(<u32>packed));
}

/** Stores `value` under `key` (capability `kv`); 0, or a negative error code. */
export function kvPut(key: string, value: Uint8Array): i32 {
  const k = String.UTF8.encode(key);
  return host_kv_put(changetype<usize>(k), k.byteLength, value.dataStart, value.length);
}
