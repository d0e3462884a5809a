;; Byte crunching: fills 1 MiB of linear memory with a pseudo-random pattern, then computes its
;; CRC-32 (IEEE, reflected, bit by bit: 8 rounds per byte, no table).
(module
  (memory (export "memory") 17)
  (func (export "fill") (param $seed i32) (param $len i32)
    (local $i i32) (local $x i32)
    (local.set $x (local.get $seed))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
        ;; xorshift32
        (local.set $x (i32.xor (local.get $x) (i32.shl (local.get $x) (i32.const 13))))
        (local.set $x (i32.xor (local.get $x) (i32.shr_u (local.get $x) (i32.const 17))))
        (local.set $x (i32.xor (local.get $x) (i32.shl (local.get $x) (i32.const 5))))
        (i32.store8 (local.get $i) (local.get $x))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next))))
  (func (export "crc32") (param $ptr i32) (param $len i32) (result i32)
    (local $crc i32) (local $end i32) (local $k i32)
    (local.set $crc (i32.const -1))
    (local.set $end (i32.add (local.get $ptr) (local.get $len)))
    (block $done
      (loop $byte
        (br_if $done (i32.ge_u (local.get $ptr) (local.get $end)))
        (local.set $crc (i32.xor (local.get $crc) (i32.load8_u (local.get $ptr))))
        (local.set $k (i32.const 8))
        (loop $bit
          (local.set $crc
            (i32.xor
              (i32.shr_u (local.get $crc) (i32.const 1))
              (i32.and (i32.const 0xEDB88320)
                       (i32.sub (i32.const 0) (i32.and (local.get $crc) (i32.const 1))))))
          (local.set $k (i32.sub (local.get $k) (i32.const 1)))
          (br_if $bit (local.get $k)))
        (local.set $ptr (i32.add (local.get $ptr) (i32.const 1)))
        (br $byte)))
    (i32.xor (local.get $crc) (i32.const -1))))
