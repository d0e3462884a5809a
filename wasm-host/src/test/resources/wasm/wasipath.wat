;; A guest that hands the host any path through WASI preview 1: the path comes from the caller
;; (a string argument), so tests can try every spelling. Results are a count, a file type or an
;; fd on success, a negative errno on failure (-1000-errno from fd_read). Content read lands at
;; 4096 (see `byte`).
(module
  (import "wasi_snapshot_preview1" "path_open"
    (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_close" (func $fd_close (param i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_filestat_get"
    (func $path_filestat_get (param i32 i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (global $heap (mut i32) (i32.const 8192))
  (func $alloc (export "alloc") (param $len i32) (result i32)
    (local $p i32)
    (local.set $p (global.get $heap))
    (global.set $heap (i32.add (global.get $heap) (local.get $len)))
    (if (i32.gt_u (global.get $heap) (i32.mul (memory.size) (i32.const 65536)))
      (then (drop (memory.grow (i32.const 1)))))
    (local.get $p))

  ;; Opens the path relative to `dir` with `oflags` and read rights: the new fd (left open), or
  ;; a negative errno.
  (func (export "open") (param $dir i32) (param $ptr i32) (param $len i32) (param $oflags i32)
    (result i32)
    (local $e i32)
    (local.set $e (call $path_open (local.get $dir) (i32.const 0) (local.get $ptr) (local.get $len)
      (local.get $oflags) (i64.const 2) (i64.const 0) (i32.const 0) (i32.const 528)))
    (if (local.get $e) (then (return (i32.sub (i32.const 0) (local.get $e)))))
    (i32.load (i32.const 528)))

  ;; Reads up to 256 bytes of a file into 4096: the count, or a negative errno.
  (func (export "read") (param $dir i32) (param $ptr i32) (param $len i32) (result i32)
    (local $e i32) (local $fd i32)
    (local.set $e (call $path_open (local.get $dir) (i32.const 0) (local.get $ptr) (local.get $len)
      (i32.const 0) (i64.const 2) (i64.const 0) (i32.const 0) (i32.const 528)))
    (if (local.get $e) (then (return (i32.sub (i32.const 0) (local.get $e)))))
    (local.set $fd (i32.load (i32.const 528)))
    (i32.store (i32.const 544) (i32.const 4096))
    (i32.store (i32.const 548) (i32.const 256))
    (local.set $e (call $fd_read (local.get $fd) (i32.const 544) (i32.const 1) (i32.const 560)))
    (drop (call $fd_close (local.get $fd)))
    (if (local.get $e) (then (return (i32.sub (i32.const -1000) (local.get $e)))))
    (i32.load (i32.const 560)))

  ;; The WASI file type of the path (following links), or a negative errno.
  (func (export "stat") (param $dir i32) (param $ptr i32) (param $len i32) (result i32)
    (local $e i32)
    (local.set $e (call $path_filestat_get (local.get $dir) (i32.const 1) (local.get $ptr)
      (local.get $len) (i32.const 1024)))
    (if (local.get $e) (then (return (i32.sub (i32.const 0) (local.get $e)))))
    (i32.load8_u (i32.const 1040)))

  ;; Byte `i` of what `read` left at 4096.
  (func (export "byte") (param $i i32) (result i32)
    (i32.load8_u (i32.add (i32.const 4096) (local.get $i))))
)
