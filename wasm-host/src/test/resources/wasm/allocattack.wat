;; An `alloc` steered by `mode`: 0 answers 1024; 1 answers 0xFFFFFF80, so pointer plus length
;; overflows 32 bits; 2 traps; 3 never returns; 4 grows the memory to its maximum and answers the
;; address that puts the argument's last byte on the memory's last byte. A function is exported
;; under `mem` and the memory under `memory`, which is not the memory's first export name.
(module
  (memory $m 1 4)
  (export "memory" (memory $m))
  (global $mode (mut i32) (i32.const 0))
  (func (export "mode") (param $m i32) (result i32)
    (global.set $mode (local.get $m))
    (i32.const 0))
  (func (export "mem") (result i32) (i32.const 0))
  (func (export "alloc") (param $len i32) (result i32)
    (if (i32.eq (global.get $mode) (i32.const 1)) (then (return (i32.const 0xFFFFFF80))))
    (if (i32.eq (global.get $mode) (i32.const 2)) (then (unreachable)))
    (if (i32.eq (global.get $mode) (i32.const 3)) (then (loop $l (br $l))))
    (if (i32.eq (global.get $mode) (i32.const 4))
      (then
        (drop (memory.grow (i32.sub (i32.const 4) (memory.size))))
        (return (i32.sub (i32.mul (memory.size) (i32.const 65536)) (local.get $len)))))
    (i32.const 1024))
  (func (export "echo") (param $ptr i32) (param $len i32) (result i64)
    (i64.or (i64.shl (i64.extend_i32_u (local.get $ptr)) (i64.const 32))
            (i64.extend_i32_u (local.get $len)))))
