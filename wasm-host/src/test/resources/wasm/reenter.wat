;; Hostile guest: recurses without end, calling `upper` of another component through a binding
;; at every level, so the stack runs out in the host's adapter as often as in wasm frames.
(module
  (import "text" "upper" (func $upper (param i32 i32) (result i64)))
  (memory (export "memory") 1)
  (data (i32.const 16) "a")
  (global $heap (mut i32) (i32.const 1024))
  (func $alloc (export "alloc") (param $len i32) (result i32)
    (local $p i32)
    (local.set $p (global.get $heap))
    ;; reuse one scratch area: the result is never read
    (global.set $heap (i32.const 1024))
    (local.get $p))
  (func $dive (export "dive") (param $n i32) (result i32)
    (drop (call $upper (i32.const 16) (i32.const 1)))
    (i32.add (call $dive (i32.add (local.get $n) (i32.const 1))) (i32.const 1))))
