;; Its `alloc` answers honestly once (for the argument), then with an address outside its memory:
;; a secret the host granted can never be copied in.
(module
  (import "mosaic" "secret_read" (func $secret_read (param i32 i32) (result i64)))
  (memory (export "memory") 1)
  (global $calls (mut i32) (i32.const 0))
  (func (export "alloc") (param $len i32) (result i32)
    (global.set $calls (i32.add (global.get $calls) (i32.const 1)))
    (if (result i32) (i32.eq (global.get $calls) (i32.const 1))
      (then (i32.const 1024))
      (else (i32.const 0x7fff0000))))
  (func (export "secret") (param i32 i32) (result i64)
    (call $secret_read (local.get 0) (local.get 1))))
