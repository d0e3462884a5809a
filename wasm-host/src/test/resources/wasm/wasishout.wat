;; shout.wat with a WASI import, so it runs in a context of its own: the string crosses contexts.
;; Imports `upper` from another component across a binding and adds "!" to its result: the host
;; copies the argument into the exporter's memory and the result back into this one.
(module
  (import "text" "upper" (func $upper (param i32 i32) (result i64)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (global $heap (mut i32) (i32.const 1024))
  (func $alloc (export "alloc") (param $len i32) (result i32)
    (local $p i32)
    (local.set $p (global.get $heap))
    (global.set $heap (i32.add (global.get $heap) (local.get $len)))
    (local.get $p))
  (func (export "shout") (param $ptr i32) (param $len i32) (result i64)
    (local $r i64) (local $p i32) (local $n i32) (local $out i32)
    (local.set $r (call $upper (local.get $ptr) (local.get $len)))
    (local.set $p (i32.wrap_i64 (i64.shr_u (local.get $r) (i64.const 32))))
    (local.set $n (i32.wrap_i64 (local.get $r)))
    (local.set $out (call $alloc (i32.add (local.get $n) (i32.const 1))))
    (memory.copy (local.get $out) (local.get $p) (local.get $n))
    (i32.store8 (i32.add (local.get $out) (local.get $n)) (i32.const 33))
    (i64.or (i64.shl (i64.extend_i32_u (local.get $out)) (i64.const 32))
            (i64.extend_i32_u (i32.add (local.get $n) (i32.const 1))))))
