;; A component that uses the WASI interfaces the host provides without files: the monotonic
;; clock, random numbers and bytes, the environment and exit.
(component
  (import "wasi:clocks/monotonic-clock@0.2.0" (instance $mono
    (export "now" (func (result u64)))))
  (import "wasi:random/random@0.2.0" (instance $rand
    (export "get-random-u64" (func (result u64)))
    (export "get-random-bytes" (func (param "len" u64) (result (list u8))))))
  (import "wasi:cli/environment@0.2.0" (instance $env
    (export "get-environment" (func (result (list (tuple string string)))))
    (export "get-arguments" (func (result (list string))))))
  (import "wasi:cli/exit@0.2.0" (instance $exit
    (export "exit" (func (param "status" (result))))))
  (core module $Mem
    (memory (export "memory") 8)
    (global $next (mut i32) (i32.const 1024))
    (func (export "realloc") (param i32 i32 i32 i32) (result i32)
      (local $p i32)
      global.get $next
      local.get 2
      i32.add
      i32.const 1
      i32.sub
      i32.const 0
      local.get 2
      i32.sub
      i32.and
      local.set $p
      local.get $p
      local.get 3
      i32.add
      global.set $next
      local.get $p))
  (core instance $mem (instantiate $Mem))
  (alias core export $mem "memory" (core memory $memory))
  (alias core export $mem "realloc" (core func $realloc))
  (alias export $mono "now" (func $now))
  (alias export $rand "get-random-u64" (func $u64))
  (alias export $rand "get-random-bytes" (func $bytes))
  (alias export $env "get-environment" (func $environment))
  (alias export $env "get-arguments" (func $arguments))
  (alias export $exit "exit" (func $quit))
  (core func $now-core (canon lower (func $now)))
  (core func $u64-core (canon lower (func $u64)))
  (core func $bytes-core (canon lower (func $bytes) (memory $memory) (realloc $realloc)))
  (core func $environment-core (canon lower (func $environment) (memory $memory) (realloc $realloc)))
  (core func $arguments-core (canon lower (func $arguments) (memory $memory) (realloc $realloc)))
  (core func $quit-core (canon lower (func $quit)))
  (core module $M
    (import "host" "memory" (memory 1))
    (import "host" "now" (func $now (result i64)))
    (import "host" "u64" (func $u64 (result i64)))
    (import "host" "bytes" (func $bytes (param i64 i32)))
    (import "host" "environment" (func $environment (param i32)))
    (import "host" "arguments" (func $arguments (param i32)))
    (import "host" "quit" (func $quit (param i32)))
    ;; 1 when the monotonic clock does not go back between two readings
    (func (export "ticks") (result i32)
      (local $a i64)
      call $now
      local.set $a
      local.get $a
      call $now
      i64.le_u)
    (func (export "random-u64") (result i64) call $u64)
    ;; the length of the list get-random-bytes(n) returns (its return area at 0)
    (func (export "random-len") (param i64) (result i32)
      local.get 0
      i32.const 0
      call $bytes
      i32.const 4
      i32.load)
    (func (export "environment-len") (result i32)
      i32.const 16
      call $environment
      i32.const 20
      i32.load)
    (func (export "arguments-len") (result i32)
      i32.const 32
      call $arguments
      i32.const 36
      i32.load)
    (func (export "quit") (param i32)
      local.get 0
      call $quit))
  (core instance $host
    (export "memory" (memory $memory))
    (export "now" (func $now-core))
    (export "u64" (func $u64-core))
    (export "bytes" (func $bytes-core))
    (export "environment" (func $environment-core))
    (export "arguments" (func $arguments-core))
    (export "quit" (func $quit-core)))
  (core instance $m (instantiate $M (with "host" (instance $host))))
  (func (export "ticks") (result bool) (canon lift (core func $m "ticks")))
  (func (export "random-u64") (result u64) (canon lift (core func $m "random-u64")))
  (func (export "random-len") (param "n" u64) (result u32) (canon lift (core func $m "random-len")))
  (func (export "environment-len") (result u32) (canon lift (core func $m "environment-len")))
  (func (export "arguments-len") (result u32) (canon lift (core func $m "arguments-len")))
  (func (export "quit") (param "failed" u32) (canon lift (core func $m "quit")))
)
