;; Imports only the clock: used to show that a capability outside the policy is never linked.
(module
  (import "mosaic" "clock_now" (func $now (result i64)))
  (func (export "now") (result i64) (call $now)))
