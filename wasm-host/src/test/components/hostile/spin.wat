;; A component whose exports never return: in the core function itself, in the realloc that lowers
;; a string argument, in the post-return that follows a result, and in a resource's destructor.
;; `trap` traps, `one` returns 1.
(component
  (core module $d
    (func (export "dtor") (param i32) (loop $again (br $again))))
  (core instance $di (instantiate $d))
  (alias core export $di "dtor" (core func $dtor))
  (type $r (resource (rep i32) (dtor (core func $dtor))))
  (core func $new (canon resource.new $r))
  (core instance $host (export "new" (func $new)))
  (core module $m
    (import "host" "new" (func $new (param i32) (result i32)))
    (memory (export "memory") 1)
    (func (export "spin") (loop $again (br $again)))
    (func (export "trap") unreachable)
    (func (export "one") (result i32) i32.const 1)
    (func (export "realloc") (param i32 i32 i32 i32) (result i32)
      (loop $again (br $again))
      i32.const 0)
    (func (export "len") (param i32 i32) (result i32) local.get 1)
    (func (export "post") (param i32) (loop $again (br $again)))
    (func (export "make") (result i32) (call $new (i32.const 42))))
  (core instance $i (instantiate $m (with "host" (instance $host))))
  (export $re "thing" (type $r))
  (func (export "spin") (canon lift (core func $i "spin")))
  (func (export "trap") (canon lift (core func $i "trap")))
  (func (export "one") (result u32) (canon lift (core func $i "one")))
  (func (export "len") (param "s" string) (result u32)
    (canon lift (core func $i "len") (memory (core memory $i "memory")) (realloc (core func $i "realloc"))))
  (func (export "stuck") (result u32)
    (canon lift (core func $i "one") (post-return (core func $i "post"))))
  (func (export "make") (result (own $re)) (canon lift (core func $i "make")))
)
