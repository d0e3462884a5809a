;; A component whose `run` calls the function of an imported interface, bound to spin-callee.wat:
;; the call never returns, while the guest code that spins is another component's.
(component
  (import "mosaic:spin/loop@0.1.0" (instance $loop (export "spin" (func))))
  (alias export $loop "spin" (func $spin))
  (core func $spin-core (canon lower (func $spin)))
  (core instance $imports (export "spin" (func $spin-core)))
  (core module $m
    (import "loop" "spin" (func $spin))
    (func (export "run") (call $spin)))
  (core instance $i (instantiate $m (with "loop" (instance $imports))))
  (func (export "run") (canon lift (core func $i "run")))
)
