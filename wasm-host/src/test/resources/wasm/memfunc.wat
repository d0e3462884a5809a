;; Exports a function under the name `memory` and its real memory under `mem`: the host must not
;; take the function for the memory it copies strings into.
(module
  (memory $m 1)
  (export "mem" (memory $m))
  (func (export "memory") (result i32) (i32.const 0))
  (func (export "alloc") (param $len i32) (result i32) (i32.const 1024))
  (func (export "echo") (param $ptr i32) (param $len i32) (result i64)
    (i64.or (i64.shl (i64.extend_i32_u (local.get $ptr)) (i64.const 32))
            (i64.extend_i32_u (local.get $len)))))
