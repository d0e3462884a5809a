;; A component that imports wasi:filesystem (a capability its policy may not grant).
(component
  (import "wasi:filesystem/preopens@0.2.0" (instance $pre
    (export "get-directories" (func (result (list u32))))))
  (core module $m
    (func (export "one") (result i32) i32.const 1))
  (core instance $i (instantiate $m))
  (func (export "one") (result u32) (canon lift (core func $i "one")))
)
