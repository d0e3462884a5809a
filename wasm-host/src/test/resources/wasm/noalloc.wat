;; Declares a string parameter but exports no `alloc`: instantiation fails with E9007.
(module
  (memory (export "memory") 1)
  (func (export "size") (param i32 i32) (result i32) (local.get 1)))
