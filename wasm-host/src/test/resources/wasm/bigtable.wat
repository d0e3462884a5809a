;; Hostile guest: starts with a table of 2,000,000 elements.
(module
  (table 2000000 funcref)
  (func (export "ok") (result i32) (i32.const 1)))
