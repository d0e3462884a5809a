;; A hostile `alloc` over one page that cannot grow: `edge` mode (the default) answers with the
;; address that puts the argument's last byte on the memory's last byte, `past` mode one byte
;; further, so the argument's last byte would land outside the memory.
(module
  (memory (export "memory") 1 1)
  (global $past (mut i32) (i32.const 0))
  (func (export "past") (param $on i32) (result i32)
    (global.set $past (local.get $on))
    (i32.const 0))
  (func (export "alloc") (param $len i32) (result i32)
    (i32.add (i32.sub (i32.const 65536) (local.get $len)) (global.get $past)))
  (func (export "echo") (param $ptr i32) (param $len i32) (result i64)
    (i64.or (i64.shl (i64.extend_i32_u (local.get $ptr)) (i64.const 32))
            (i64.extend_i32_u (local.get $len)))))
