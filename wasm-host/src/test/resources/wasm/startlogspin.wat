;; A start function that logs one line, then never returns: an embedder whose log sink closes the
;; host closes it from inside the instantiation.
(module
  (import "mosaic" "log" (func $log (param i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "hi")
  (func $start (call $log (i32.const 0) (i32.const 2)) (loop $l (br $l)))
  (start $start)
  (func (export "ok") (result i32) (i32.const 7)))
