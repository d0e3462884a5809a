;; A component whose exported interface's one function never returns; spin-caller.wat calls it
;; through a binding.
(component
  (core module $m (func (export "spin") (loop $again (br $again))))
  (core instance $i (instantiate $m))
  (func $spin (canon lift (core func $i "spin")))
  (instance $loop (export "spin" (func $spin)))
  (export "mosaic:spin/loop@0.1.0" (instance $loop))
)
