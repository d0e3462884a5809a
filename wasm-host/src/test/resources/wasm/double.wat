;; First link of a numeric chain: double(x) = 2x.
(module
  (memory (export "memory") 1)
  (func (export "double") (param i32) (result i32)
    (i32.mul (local.get 0) (i32.const 2))))
