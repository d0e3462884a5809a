;; A component that writes to standard output through wasi:io/streams' check-write, write and
;; flush (not blocking-write-and-flush, which the C component uses), then drops the stream.
(component $C
  (import "wasi:io/streams@0.2.0" (instance $streams
    (export "output-stream" (type $os (sub resource)))
    (export "[method]output-stream.check-write"
      (func (param "self" (borrow $os)) (result (result u64))))
    (export "[method]output-stream.write"
      (func (param "self" (borrow $os)) (param "contents" (list u8)) (result (result))))
    (export "[method]output-stream.flush" (func (param "self" (borrow $os)) (result (result))))))
  (alias export $streams "output-stream" (type $os))
  (import "wasi:cli/stdout@0.2.0" (instance $stdout
    (alias outer $C $os (type $out))
    (export "get-stdout" (func (result (own $out))))))
  (core module $Mem
    (memory (export "memory") 1))
  (core instance $mem (instantiate $Mem))
  (alias core export $mem "memory" (core memory $memory))
  (alias export $stdout "get-stdout" (func $get-stdout))
  (alias export $streams "[method]output-stream.check-write" (func $check-write))
  (alias export $streams "[method]output-stream.write" (func $write))
  (alias export $streams "[method]output-stream.flush" (func $flush))
  (core func $get-stdout-core (canon lower (func $get-stdout)))
  (core func $check-write-core (canon lower (func $check-write) (memory $memory)))
  (core func $write-core (canon lower (func $write) (memory $memory)))
  (core func $flush-core (canon lower (func $flush)))
  (core func $drop-core (canon resource.drop $os))
  (core module $M
    (import "host" "memory" (memory 1))
    (import "host" "get-stdout" (func $get-stdout (result i32)))
    (import "host" "check-write" (func $check-write (param i32 i32)))
    (import "host" "write" (func $write (param i32 i32 i32) (result i32)))
    (import "host" "flush" (func $flush (param i32) (result i32)))
    (import "host" "drop" (func $drop (param i32)))
    (data (memory 0) (i32.const 100) "hi from streams\n")
    ;; writes the line and returns what check-write allowed (0 when it returned an error)
    (func (export "emit") (result i64)
      (local $h i32)
      call $get-stdout
      local.set $h
      local.get $h
      i32.const 0
      call $check-write
      local.get $h
      i32.const 100
      i32.const 16
      call $write
      drop
      local.get $h
      call $flush
      drop
      local.get $h
      call $drop
      i32.const 0
      i32.load8_u
      if (result i64)
        i64.const 0
      else
        i32.const 8
        i64.load
      end))
  (core instance $host
    (export "memory" (memory $memory))
    (export "get-stdout" (func $get-stdout-core))
    (export "check-write" (func $check-write-core))
    (export "write" (func $write-core))
    (export "flush" (func $flush-core))
    (export "drop" (func $drop-core)))
  (core instance $m (instantiate $M (with "host" (instance $host))))
  (func (export "emit") (result u64) (canon lift (core func $m "emit")))
)
