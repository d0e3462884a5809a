;; A WASI preview 1 reactor: `_initialize` counts its runs and writes a line to standard output.
;; `twice` calls the bound `math.double`; `bump` and `count` show the module's own state.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "math" "double" (func $double (param i32) (result i32)))
  (memory (export "memory") 1)
  (global $count (mut i32) (i32.const 0))
  (data (i32.const 256) "initialized\n") ;; 12
  (func (export "_initialize")
    (global.set $count (i32.add (global.get $count) (i32.const 1)))
    (i32.store (i32.const 16) (i32.const 256))
    (i32.store (i32.const 20) (i32.const 12))
    (drop (call $fd_write (i32.const 1) (i32.const 16) (i32.const 1) (i32.const 24))))
  (func (export "count") (result i32) (global.get $count))
  (func (export "bump") (result i32)
    (global.set $count (i32.add (global.get $count) (i32.const 1)))
    (global.get $count))
  (func (export "twice") (param $x i32) (result i32)
    (call $double (local.get $x))))
