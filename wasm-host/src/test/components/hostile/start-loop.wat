;; A component whose inner module's start function never returns.
(component
  (core module $m
    (func $forever (loop $again (br $again)))
    (start $forever)
    (func (export "one") (result i32) i32.const 1))
  (core instance $i (instantiate $m))
  (func (export "one") (result u32) (canon lift (core func $i "one")))
)
