;; A module whose start function never returns: instantiating it must hit the call time limit.
(module
  (func $spin (loop $forever (br $forever)))
  (start $spin)
  (func (export "ok") (result i32) (i32.const 1)))
