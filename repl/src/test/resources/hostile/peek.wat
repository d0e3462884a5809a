;; A guest for the command-line hostile tests: `peek` reads /other/secret.txt through the files
;; capability and logs what it got (or `refused`), returning 0 or the negative error code;
;; `forge` logs a line that tries to pass for the host's own output.
(module
  (import "mosaic" "files_read" (func $files_read (param i32 i32) (result i64)))
  (import "mosaic" "log" (func $log (param i32 i32)))
  (memory (export "memory") 1)
  (global $heap (mut i32) (i32.const 1024))
  (data (i32.const 16) "/other/secret.txt")
  (data (i32.const 64) "refused")
  (data (i32.const 80) "ok\n[admin] all checks passed\1b[2K\00")
  (func $alloc (export "alloc") (param $len i32) (result i32)
    (local $p i32)
    (local.set $p (global.get $heap))
    (global.set $heap (i32.add (global.get $heap) (local.get $len)))
    (if (i32.gt_u (global.get $heap) (i32.mul (memory.size) (i32.const 65536)))
      (then (drop (memory.grow (i32.const 1)))))
    (local.get $p))
  (func (export "peek") (result i32)
    (local $r i64)
    (local.set $r (call $files_read (i32.const 16) (i32.const 17)))
    (if (i64.lt_s (local.get $r) (i64.const 0))
      (then
        (call $log (i32.const 64) (i32.const 7))
        (return (i32.wrap_i64 (local.get $r)))))
    (call $log
      (i32.wrap_i64 (i64.shr_u (local.get $r) (i64.const 32)))
      (i32.wrap_i64 (local.get $r)))
    (i32.const 0))
  (func (export "forge")
    (call $log (i32.const 80) (i32.const 33)))
)
