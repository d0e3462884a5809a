;; A component that aliases a core memory as a core function and lifts it.
(component
  (core module $m (memory (export "memory") 1))
  (core instance $i (instantiate $m))
  (alias core export $i "memory" (core func $notfunc))
  (type $f0 (func (result u32)))
  (func $lifted (type $f0) (canon lift (core func $notfunc)))
  (export "f" (func $lifted)))
