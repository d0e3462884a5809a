;; A counter kept in the key-value store under `count` (4 bytes, little endian). Each tenant has
;; its own key-value namespace, so two tenants running this same module count separately.
;; Rebuild with examples/build-wasm.sh.
(module
  (import "mosaic" "kv_get" (func $get (param i32 i32) (result i64)))
  (import "mosaic" "kv_put" (func $put (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "count")
  (global $next (mut i32) (i32.const 1024))
  (func (export "alloc") (param $len i32) (result i32)
    (local $p i32)
    (local.set $p (global.get $next))
    (global.set $next (i32.add (global.get $next) (local.get $len)))
    (local.get $p))
  ;; Adds one to the stored count and returns it; a negative host error code is returned as is.
  (func (export "bump") (result i32)
    (local $r i64) (local $n i32) (local $status i32)
    (global.set $next (i32.const 1024))
    (local.set $r (call $get (i32.const 16) (i32.const 5)))
    (if (i64.lt_s (local.get $r) (i64.const 0))
      (then
        ;; -2: not stored yet, start from zero; any other error goes back to the caller.
        (if (i64.ne (local.get $r) (i64.const -2))
          (then (return (i32.wrap_i64 (local.get $r)))))
        (local.set $n (i32.const 0)))
      (else
        (local.set $n (i32.load (i32.wrap_i64 (i64.shr_u (local.get $r) (i64.const 32)))))))
    (local.set $n (i32.add (local.get $n) (i32.const 1)))
    (i32.store (i32.const 64) (local.get $n))
    (local.set $status (call $put (i32.const 16) (i32.const 5) (i32.const 64) (i32.const 4)))
    (if (i32.lt_s (local.get $status) (i32.const 0))
      (then (return (local.get $status))))
    (local.get $n)))
