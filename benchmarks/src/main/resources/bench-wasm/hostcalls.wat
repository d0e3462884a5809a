;; Calls host functions in a loop so a benchmark can divide by the count: `clock(n)` calls
;; clock_now (no policy parameter), `kv(n)` calls kv_get on the key "cache/k" (a policy check with
;; the key as parameter, a UTF-8 read from guest memory and a store lookup), `spin` never returns.
(module
  (import "mosaic" "clock_now" (func $now (result i64)))
  (import "mosaic" "kv_get" (func $kv_get (param i32 i32) (result i64)))
  (memory (export "memory") 1)
  (data (i32.const 16) "cache/k")
  (func (export "clock") (param $n i32) (result i64)
    (local $acc i64)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $acc (i64.add (local.get $acc) (call $now)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
    (local.get $acc))
  (func (export "kv") (param $n i32) (result i64)
    (local $acc i64)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $acc (i64.add (local.get $acc) (call $kv_get (i32.const 16) (i32.const 7))))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
    (local.get $acc))
  (func (export "spin") (loop $l (br $l))))
