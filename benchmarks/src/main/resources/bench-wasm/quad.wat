;; Second link: quad(x) = double(double(x)), calling `double` in another component.
(module
  (import "math" "double" (func $double (param i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "quad") (param i32) (result i32)
    (call $double (call $double (local.get 0)))))
