;; A formatter: builds a greeting, has the `upper` component shout it across a binding (the host
;; copies the string between the two memories) and logs the result. `shout` takes and returns a
;; string for hosts that call it from Java (formatter.abi). Rebuild with examples/build-wasm.sh.
(module
  (import "text" "upper" (func $upper (param i32 i32) (result i64)))
  (import "mosaic" "log" (func $log (param i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "hello, composed world")
  (global $next (mut i32) (i32.const 1024))
  (func $alloc (export "alloc") (param $len i32) (result i32)
    (local $p i32)
    (local.set $p (global.get $next))
    (global.set $next (i32.add (global.get $next) (local.get $len)))
    (local.get $p))
  ;; Logs the upper-cased greeting and returns its length.
  (func (export "greet") (result i32)
    (local $r i64)
    (local.set $r (call $upper (i32.const 16) (i32.const 21)))
    (call $log (i32.wrap_i64 (i64.shr_u (local.get $r) (i64.const 32))) (i32.wrap_i64 (local.get $r)))
    (i32.wrap_i64 (local.get $r)))
  ;; Returns its argument upper-cased by the other component.
  (func (export "shout") (param $ptr i32) (param $len i32) (result i64)
    (call $upper (local.get $ptr) (local.get $len))))
