;; A component that imports an interface no host provides.
(component
  (import "evil:net/socket@1.0.0" (instance $net
    (export "open" (func (param "host" string) (result u32)))))
  (core module $m
    (func (export "one") (result i32) i32.const 1))
  (core instance $i (instantiate $m))
  (func (export "one") (result u32) (canon lift (core func $i "one")))
)
