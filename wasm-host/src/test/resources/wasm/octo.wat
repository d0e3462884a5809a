;; Third link: octo(x) = double(quad(x)), two bindings deep.
(module
  (import "math" "quad" (func $quad (param i32) (result i32)))
  (import "math" "double" (func $double (param i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "octo") (param i32) (result i32)
    (call $double (call $quad (local.get 0)))))
