;; Many small host calls: reads the host's monotonic clock n times (Mosaic's `clock`
;; capability, linked only when the policy grants it) and returns how many calls it made.
(module
  (import "mosaic" "clock_monotonic" (func $now (result i64)))
  (func (export "run") (param $n i32) (result i32)
    (local $i i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (drop (call $now))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $i)))
