;; A guest with state: `next` returns 1, 2, 3... while the instance lives. REPL tests use it
;; to see whether a session kept or replaced its composition. Rebuild: wat2wasm counter.wat
(module
  (global $n (mut i32) (i32.const 0))
  (func (export "next") (result i32)
    (global.set $n (i32.add (global.get $n) (i32.const 1)))
    (global.get $n)))
