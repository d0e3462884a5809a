;; A guest that never returns from `spin`. Rebuild with examples/build-wasm.sh.
(module
  (func (export "ready") (result i32) (i32.const 1))
  (func (export "spin") (result i32)
    (loop $forever (br $forever))
    (i32.const 0)))
