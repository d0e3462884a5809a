;; A core module that follows the canonical ABI by hand, made into components with `jco embed`
;; and `jco new` (see ../build.mjs). Memory layout: the return area at 8, "hello, " at 16,
;; a bump heap from 1024.
(module
  (memory (export "memory") 1)
  (global $heap (mut i32) (i32.const 1024))
  (data (i32.const 16) "hello, ")

  ;; cabi_realloc(old, old_size, align, new_size) -> ptr: bump allocation, old bytes copied.
  (func $realloc (export "cabi_realloc")
    (param $old i32) (param $old_size i32) (param $align i32) (param $new_size i32)
    (result i32)
    (local $ptr i32)
    (local.set $ptr
      (i32.and
        (i32.add (global.get $heap) (i32.sub (local.get $align) (i32.const 1)))
        (i32.sub (i32.const 0) (local.get $align))))
    (global.set $heap (i32.add (local.get $ptr) (local.get $new_size)))
    (if (i32.gt_u (global.get $heap) (i32.mul (memory.size) (i32.const 65536)))
      (then
        (drop (memory.grow
          (i32.add
            (i32.div_u
              (i32.sub (global.get $heap) (i32.mul (memory.size) (i32.const 65536)))
              (i32.const 65536))
            (i32.const 1))))))
    (if (i32.ne (local.get $old) (i32.const 0))
      (then
        (memory.copy (local.get $ptr) (local.get $old)
          (select (local.get $old_size) (local.get $new_size)
            (i32.lt_u (local.get $old_size) (local.get $new_size))))))
    (local.get $ptr))

  ;; greet(ptr, len) -> ret: "hello, " ++ name, pointer and length at the return area.
  (func (export "greet") (param $ptr i32) (param $len i32) (result i32)
    (local $out i32)
    (local.set $out
      (call $realloc (i32.const 0) (i32.const 0) (i32.const 1)
        (i32.add (local.get $len) (i32.const 7))))
    (memory.copy (local.get $out) (i32.const 16) (i32.const 7))
    (memory.copy (i32.add (local.get $out) (i32.const 7)) (local.get $ptr) (local.get $len))
    (i32.store (i32.const 8) (local.get $out))
    (i32.store (i32.const 12) (i32.add (local.get $len) (i32.const 7)))
    (i32.const 8))

  ;; echo(ptr, tagged_len) -> ret: the same string back.
  (func (export "echo") (param $ptr i32) (param $len i32) (result i32)
    (i32.store (i32.const 8) (local.get $ptr))
    (i32.store (i32.const 12) (local.get $len))
    (i32.const 8))

  (func (export "cabi_post_greet") (param i32))
  (func (export "cabi_post_echo") (param i32)))
