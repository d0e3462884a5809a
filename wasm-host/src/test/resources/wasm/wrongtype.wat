;; Imports clock_now with the wrong type (i32 instead of i64): linking fails with E9005.
(module
  (import "mosaic" "clock_now" (func $now (result i32)))
  (func (export "now") (result i32) (call $now)))
