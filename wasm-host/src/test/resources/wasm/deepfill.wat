;; Recurses without end, asking the host for 256 random bytes at every depth: the host's copy of
;; them runs deeper and deeper in the call stack until something overflows.
(module
  (import "mosaic" "random_fill" (func $fill (param i32 i32) (result i32)))
  (memory (export "memory") 1)
  (func $deep (export "deep") (param $n i32) (result i32)
    (drop (call $fill (i32.const 0) (i32.const 256)))
    (i32.add (call $deep (i32.add (local.get $n) (i32.const 1))) (i32.const 1))))
