;; Calls `upper` of another component across a binding, then itself with the result, without
;; end: every level of the recursion passes through the host's binding adapter.
(module
  (import "text" "upper" (func $upper (param i32 i32) (result i64)))
  (memory (export "memory") 1)
  (func $alloc (export "alloc") (param $len i32) (result i32) (i32.const 1024))
  (func $again (export "again") (param $ptr i32) (param $len i32) (result i64)
    (local $r i64)
    (local.set $r (call $upper (local.get $ptr) (local.get $len)))
    (call $again (i32.wrap_i64 (i64.shr_u (local.get $r) (i64.const 32)))
                 (i32.wrap_i64 (local.get $r)))))
