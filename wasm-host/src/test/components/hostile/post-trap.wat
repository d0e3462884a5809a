;; A component whose post-return traps after its result was lifted: `text` returns a string whose
;; post-return traps, `one` returns 1 with a post-return that traps, `two` returns 2 plainly.
(component
  (core module $m
    (memory (export "memory") 1)
    (data (i32.const 16) "hello")
    (data (i32.const 8) "\10\00\00\00\05\00\00\00")
    (func (export "realloc") (param i32 i32 i32 i32) (result i32) i32.const 1024)
    (func (export "text") (result i32) i32.const 8)
    (func (export "one") (result i32) i32.const 1)
    (func (export "two") (result i32) i32.const 2)
    (func (export "post") (param i32) unreachable))
  (core instance $i (instantiate $m))
  (func (export "text") (result string)
    (canon lift (core func $i "text") (memory (core memory $i "memory"))
      (realloc (core func $i "realloc")) (post-return (core func $i "post"))))
  (func (export "one") (result u32)
    (canon lift (core func $i "one") (post-return (core func $i "post"))))
  (func (export "two") (result u32) (canon lift (core func $i "two")))
)
