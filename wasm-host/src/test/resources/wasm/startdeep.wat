;; A module whose start function recurses without end: instantiating it exhausts the stack.
(module
  (func $deeper (param i32) (result i32)
    (i32.add (call $deeper (i32.add (local.get 0) (i32.const 1))) (i32.const 1)))
  (func $start (drop (call $deeper (i32.const 0))))
  (start $start)
  (func (export "ok") (result i32) (i32.const 1)))
