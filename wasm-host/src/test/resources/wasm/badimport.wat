;; Imports a clock function the host does not have: linking fails with E9005.
(module
  (import "mosaic" "clock_sundial" (func $sundial (result i64)))
  (func (export "now") (result i64) (call $sundial)))
