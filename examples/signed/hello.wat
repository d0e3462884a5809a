;; The hello example's guest: logs a greeting through the host's `log` capability and
;; returns the sum of its two arguments. Rebuild with examples/build-wasm.sh.
(module
  (import "mosaic" "log" (func $log (param i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 1024) "hello, world")
  (func (export "greet") (param $a i32) (param $b i32) (result i32)
    (call $log (i32.const 1024) (i32.const 12))
    (i32.add (local.get $a) (local.get $b))))
