;; Hostile guests: spins forever, grows memory until refused, recurses without end, and hands
;; the host a pointer outside its memory.
(module
  (import "mosaic" "log" (func $log (param i32 i32)))
  (memory (export "memory") 1)
  (func (export "spin") (loop $l (br $l)))
  (func (export "grow") (result i32)
    (block $refused
      (loop $more
        (br_if $refused (i32.eq (memory.grow (i32.const 1)) (i32.const -1)))
        (br $more)))
    (memory.size))
  (func $recurse (export "recurse") (param i32) (result i32)
    (i32.add (call $recurse (i32.add (local.get 0) (i32.const 1))) (i32.const 1)))
  (func (export "bad_log") (call $log (i32.const 65530) (i32.const 100)))
  (func (export "ok") (result i32) (i32.const 7)))
