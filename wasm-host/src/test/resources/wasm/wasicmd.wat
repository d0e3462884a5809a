;; A WASI preview 1 command: `_start` writes a line to standard output, a line with an escape
;; character to standard error, a last line without a newline, and exits with the status
;; `set_status` stored through `proc_exit` (by default it returns without calling it).
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  (global $status (mut i32) (i32.const -1))
  (data (i32.const 256) "out line\n")      ;; 9
  (data (i32.const 288) "err \1b[31m red\n") ;; 14
  (data (i32.const 320) "partial")         ;; 7
  (func $write (param $fd i32) (param $ptr i32) (param $len i32)
    (i32.store (i32.const 16) (local.get $ptr))
    (i32.store (i32.const 20) (local.get $len))
    (drop (call $fd_write (local.get $fd) (i32.const 16) (i32.const 1) (i32.const 24))))
  (func (export "set_status") (param $s i32)
    (global.set $status (local.get $s)))
  (func (export "_start")
    (call $write (i32.const 1) (i32.const 256) (i32.const 9))
    (call $write (i32.const 2) (i32.const 288) (i32.const 14))
    (call $write (i32.const 1) (i32.const 320) (i32.const 7))
    (if (i32.ge_s (global.get $status) (i32.const 0))
      (then (call $proc_exit (global.get $status))))))
