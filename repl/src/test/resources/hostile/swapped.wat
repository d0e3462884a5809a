;; Hostile guest for a plan edited after compiling: exports what the hello example exports, and
;; also imports WASI file functions that hello's plan never declared.
(module
  (import "mosaic" "log" (func $log (param i32 i32)))
  (import "wasi_snapshot_preview1" "path_open"
    (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "greet") (param $a i32) (param $b i32) (result i32)
    (i32.add (local.get $a) (local.get $b))))
