;; A plugin that may use the key-value store only under `public/`: its write there succeeds (0),
;; its read of `private/token` is denied by the policy at run time (-1, audited).
;; Rebuild with examples/build-wasm.sh.
(module
  (import "mosaic" "kv_put" (func $put (param i32 i32 i32 i32) (result i32)))
  (import "mosaic" "kv_get" (func $get (param i32 i32) (result i64)))
  (memory (export "memory") 1)
  (data (i32.const 16) "public/greeting")
  (data (i32.const 48) "hi")
  (data (i32.const 64) "private/token")
  (global $next (mut i32) (i32.const 1024))
  (func (export "alloc") (param $len i32) (result i32)
    (local $p i32)
    (local.set $p (global.get $next))
    (global.set $next (i32.add (global.get $next) (local.get $len)))
    (local.get $p))
  (func (export "store") (result i32)
    (call $put (i32.const 16) (i32.const 15) (i32.const 48) (i32.const 2)))
  ;; The packed result, or a negative error code from the host.
  (func (export "peek") (result i64)
    (call $get (i32.const 64) (i32.const 13))))
