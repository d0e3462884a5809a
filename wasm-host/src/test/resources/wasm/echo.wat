;; Returns its string or bytes argument as it came in, so a call shows byte for byte what the host
;; wrote into guest memory. `alloc` is a bump allocator that grows the memory when it runs out.
(module
  (memory (export "memory") 1)
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
  (func $echo (export "echo") (param $ptr i32) (param $len i32) (result i64)
    (i64.or (i64.shl (i64.extend_i32_u (local.get $ptr)) (i64.const 32))
            (i64.extend_i32_u (local.get $len))))
  (func (export "echo_bytes") (param $ptr i32) (param $len i32) (result i64)
    (call $echo (local.get $ptr) (local.get $len))))
