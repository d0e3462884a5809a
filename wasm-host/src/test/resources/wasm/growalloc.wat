;; An `alloc` that grows the memory on every call and answers with the first address of the new
;; pages: every argument lands in memory that did not exist when the previous one was written.
(module
  (memory (export "memory") 1)
  (func (export "alloc") (param $len i32) (result i32)
    (local $old i32)
    (local.set $old (memory.grow (i32.add (i32.const 1) (i32.div_u (local.get $len) (i32.const 65536)))))
    (if (i32.lt_s (local.get $old) (i32.const 0)) (then (unreachable)))
    (i32.mul (local.get $old) (i32.const 65536)))
  (func (export "echo") (param $ptr i32) (param $len i32) (result i64)
    (i64.or (i64.shl (i64.extend_i32_u (local.get $ptr)) (i64.const 32))
            (i64.extend_i32_u (local.get $len)))))
