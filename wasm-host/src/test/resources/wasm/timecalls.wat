;; Host calls that take time: `fetch` asks a (slow) server for a URL patched into its data by the
;; test (the port digits `00000`), `fill` makes one `random_fill` of `len` bytes, `fill_forever`
;; makes them without end, `stuck` calls `kv_get` (the test's store blocks), `spin` never returns.
(module
  (import "mosaic" "http_get" (func $http_get (param i32 i32) (result i64)))
  (import "mosaic" "random_fill" (func $random_fill (param i32 i32) (result i32)))
  (import "mosaic" "kv_get" (func $kv_get (param i32 i32) (result i64)))
  (memory (export "memory") 1)
  (data (i32.const 16) "http://127.0.0.1:00000/slow")
  (data (i32.const 64) "stuck")
  (global $heap (mut i32) (i32.const 1024))
  (func $alloc (export "alloc") (param $len i32) (result i32)
    (local $p i32)
    (local.set $p (global.get $heap))
    (global.set $heap (i32.add (global.get $heap) (local.get $len)))
    (if (i32.gt_u (global.get $heap) (i32.mul (memory.size) (i32.const 65536)))
      (then (drop (memory.grow (i32.add (i32.const 1) (i32.div_u
        (i32.sub (global.get $heap) (i32.mul (memory.size) (i32.const 65536)))
        (i32.const 65536)))))))
    (local.get $p))
  (func (export "fetch") (result i64) (call $http_get (i32.const 16) (i32.const 27)))
  (func (export "fill") (param $len i32) (result i32)
    (call $random_fill (call $alloc (local.get $len)) (local.get $len)))
  (func (export "fill_forever") (param $len i32)
    (local $p i32)
    (local.set $p (call $alloc (local.get $len)))
    (loop $again
      (drop (call $random_fill (local.get $p) (local.get $len)))
      (br $again)))
  (func (export "stuck") (result i64) (call $kv_get (i32.const 64) (i32.const 5)))
  (func (export "spin") (loop $forever (br $forever))))
