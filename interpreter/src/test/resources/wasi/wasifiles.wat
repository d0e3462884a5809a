;; A guest that uses files through WASI preview 1 only. Paths are passed as (ptr, len) into the
;; data segments below; results are negative errnos (-errno from path_open, -1000-errno from
;; fd_read/fd_write) or a byte count. Content read lands at 1024 (see `byte`).
(module
  (import "wasi_snapshot_preview1" "path_open"
    (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_close" (func $fd_close (param i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_prestat_get" (func $fd_prestat_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_prestat_dir_name"
    (func $fd_prestat_dir_name (param i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 256) "in.txt")                  ;; 6
  (data (i32.const 272) "../secret.txt")           ;; 13
  (data (i32.const 304) "../../../../etc/passwd")  ;; 22
  (data (i32.const 336) "result.txt")              ;; 10
  (data (i32.const 352) "../private/p.txt")        ;; 16
  (data (i32.const 768) "written by wasi")         ;; 15

  ;; Length of the name of pre-opened directory `fd` (the name lands at 1024), or -errno.
  (func (export "dirname") (param $fd i32) (result i32)
    (local $e i32)
    (local.set $e (call $fd_prestat_get (local.get $fd) (i32.const 512)))
    (if (local.get $e) (then (return (i32.sub (i32.const 0) (local.get $e)))))
    (local.set $e
      (call $fd_prestat_dir_name (local.get $fd) (i32.const 1024) (i32.load (i32.const 516))))
    (if (local.get $e) (then (return (i32.sub (i32.const 0) (local.get $e)))))
    (i32.load (i32.const 516)))

  ;; Opens the path relative to `dir` with the given oflags and rights; the fd lands at 528.
  (func $open (param $dir i32) (param $ptr i32) (param $len i32) (param $oflags i32) (param $rights i64)
    (result i32)
    (call $path_open (local.get $dir) (i32.const 0) (local.get $ptr) (local.get $len)
      (local.get $oflags) (local.get $rights) (i64.const 0) (i32.const 0) (i32.const 528)))

  ;; Reads up to 256 bytes of a file into 1024: the count, or a negative errno.
  (func (export "read") (param $dir i32) (param $ptr i32) (param $len i32) (result i32)
    (local $e i32) (local $fd i32)
    (local.set $e (call $open (local.get $dir) (local.get $ptr) (local.get $len) (i32.const 0) (i64.const 2)))
    (if (local.get $e) (then (return (i32.sub (i32.const 0) (local.get $e)))))
    (local.set $fd (i32.load (i32.const 528)))
    (i32.store (i32.const 544) (i32.const 1024))
    (i32.store (i32.const 548) (i32.const 256))
    (local.set $e (call $fd_read (local.get $fd) (i32.const 544) (i32.const 1) (i32.const 560)))
    (drop (call $fd_close (local.get $fd)))
    (if (local.get $e) (then (return (i32.sub (i32.const -1000) (local.get $e)))))
    (i32.load (i32.const 560)))

  ;; Writes "written by wasi" to a file opened with `oflags` (9 = creat|trunc, 0 = existing):
  ;; the count, or a negative errno.
  (func (export "write") (param $dir i32) (param $ptr i32) (param $len i32) (param $oflags i32)
    (result i32)
    (local $e i32) (local $fd i32)
    (local.set $e
      (call $open (local.get $dir) (local.get $ptr) (local.get $len) (local.get $oflags) (i64.const 66)))
    (if (local.get $e) (then (return (i32.sub (i32.const 0) (local.get $e)))))
    (local.set $fd (i32.load (i32.const 528)))
    (i32.store (i32.const 544) (i32.const 768))
    (i32.store (i32.const 548) (i32.const 15))
    (local.set $e (call $fd_write (local.get $fd) (i32.const 544) (i32.const 1) (i32.const 560)))
    (drop (call $fd_close (local.get $fd)))
    (if (local.get $e) (then (return (i32.sub (i32.const -1000) (local.get $e)))))
    (i32.load (i32.const 560)))

  ;; Byte `i` of what `read` or `dirname` left at 1024.
  (func (export "byte") (param $i i32) (result i32)
    (i32.load8_u (i32.add (i32.const 1024) (local.get $i))))
)
