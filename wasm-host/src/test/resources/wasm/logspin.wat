;; Logs one line, then spins (`spin`) or returns 7 (`seven`): an embedder whose log sink closes the
;; composition or the host closes it from inside a host function the guest called.
(module
  (import "mosaic" "log" (func $log (param i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "bye")
  (func (export "spin") (call $log (i32.const 0) (i32.const 3)) (loop $l (br $l)))
  (func (export "seven") (result i32) (call $log (i32.const 0) (i32.const 3)) (i32.const 7)))
