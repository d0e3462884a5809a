;; A component whose lifted functions do not match their core functions: the reader cannot see it
;; (it does not type core modules), so running it must fail with a coded error, not a crash.
(component
  (core module $m
    (memory (export "memory") 1)
    (func (export "wide") (result i64) i64.const 0x100000000)
    (func (export "two") (param i32 i32) (result i32) local.get 0))
  (core instance $i (instantiate $m))
  (alias core export $i "memory" (core memory $mem))
  (alias core export $i "wide" (core func $wide))
  (alias core export $i "two" (core func $two))
  (type $r (resource (rep i32)))
  (core func $new (canon resource.new $r))
  (type $f1 (func (param "rep" u32) (result u32)))
  (type $f0 (func (result u32)))
  ;; a host built-in lifted as a component function
  (func $lifted-new (type $f1) (canon lift (core func $new)))
  ;; an i64 result lifted as u32
  (func $lifted-wide (type $f0) (canon lift (core func $wide)))
  ;; a core function of two parameters lifted with one
  (func $lifted-two (type $f1) (canon lift (core func $two)))
  (export "new" (func $lifted-new))
  (export "wide" (func $lifted-wide))
  (export "two" (func $lifted-two)))
