;; A component that uses wasi:filesystem (0.2.0) on the directory the host pre-opens: opens,
;; reads and writes files at offsets, reads attributes, makes and removes directories and files,
;; lists a directory entry by entry, and drops its descriptors. Each export returns what the host
;; gave, or -(error-code + 1) for an error (the error-code's case index in WASI order).
(component $C
  (import "wasi:filesystem/types@0.2.0" (instance $types
    (export "descriptor" (type $d (sub resource)))
    (export "directory-entry-stream" (type $ds (sub resource)))
    (type $ec' (enum "access" "would-block" "already" "bad-descriptor" "busy" "deadlock" "quota"
      "exist" "file-too-large" "illegal-byte-sequence" "in-progress" "interrupted" "invalid" "io"
      "is-directory" "loop" "message-size" "name-too-long" "no-device" "no-entry" "no-lock"
      "insufficient-memory" "insufficient-space" "not-directory" "not-empty" "not-recoverable"
      "unsupported" "no-tty" "no-such-device" "overflow" "not-permitted" "pipe" "read-only"
      "invalid-seek" "text-file-busy" "cross-device"))
    (export "error-code" (type $ec (eq $ec')))
    (type $dt' (enum "unknown" "block-device" "character-device" "directory" "fifo"
      "symbolic-link" "regular-file" "socket"))
    (export "descriptor-type" (type $dt (eq $dt')))
    (type $pf' (flags "symlink-follow"))
    (export "path-flags" (type $pf (eq $pf')))
    (type $of' (flags "create" "directory" "exclusive" "truncate"))
    (export "open-flags" (type $of (eq $of')))
    (type $df' (flags "read" "write" "file-integrity-sync" "data-integrity-sync"
      "requested-write-sync" "mutate-directory"))
    (export "descriptor-flags" (type $df (eq $df')))
    (type $time' (record (field "seconds" u64) (field "nanoseconds" u32)))
    (export "datetime" (type $time (eq $time')))
    (type $stat' (record (field "type" $dt) (field "link-count" u64) (field "size" u64)
      (field "data-access-timestamp" (option $time))
      (field "data-modification-timestamp" (option $time))
      (field "status-change-timestamp" (option $time))))
    (export "descriptor-stat" (type $stat (eq $stat')))
    (type $de' (record (field "type" $dt) (field "name" string)))
    (export "directory-entry" (type $de (eq $de')))
    (export "[method]descriptor.open-at" (func (param "self" (borrow $d)) (param "path-flags" $pf)
      (param "path" string) (param "open-flags" $of) (param "flags" $df)
      (result (result (own $d) (error $ec)))))
    (export "[method]descriptor.read" (func (param "self" (borrow $d)) (param "length" u64)
      (param "offset" u64) (result (result (tuple (list u8) bool) (error $ec)))))
    (export "[method]descriptor.write" (func (param "self" (borrow $d)) (param "buffer" (list u8))
      (param "offset" u64) (result (result u64 (error $ec)))))
    (export "[method]descriptor.stat-at" (func (param "self" (borrow $d)) (param "path-flags" $pf)
      (param "path" string) (result (result $stat (error $ec)))))
    (export "[method]descriptor.get-type" (func (param "self" (borrow $d))
      (result (result $dt (error $ec)))))
    (export "[method]descriptor.create-directory-at" (func (param "self" (borrow $d))
      (param "path" string) (result (result (error $ec)))))
    (export "[method]descriptor.remove-directory-at" (func (param "self" (borrow $d))
      (param "path" string) (result (result (error $ec)))))
    (export "[method]descriptor.unlink-file-at" (func (param "self" (borrow $d))
      (param "path" string) (result (result (error $ec)))))
    (export "[method]descriptor.read-directory" (func (param "self" (borrow $d))
      (result (result (own $ds) (error $ec)))))
    (export "[method]directory-entry-stream.read-directory-entry"
      (func (param "self" (borrow $ds)) (result (result (option $de) (error $ec)))))
    (export "[method]descriptor.sync" (func (param "self" (borrow $d))
      (result (result (error $ec)))))))
  (alias export $types "descriptor" (type $d))
  (alias export $types "directory-entry-stream" (type $ds))
  (import "wasi:filesystem/preopens@0.2.0" (instance $preopens
    (alias outer $C $d (type $d'))
    (export "descriptor" (type $dd (eq $d')))
    (export "get-directories" (func (result (list (tuple (own $dd) string)))))))

  ;; The memory and a bump allocator that grows it.
  (core module $Mem
    (memory (export "memory") 1)
    (global $bump (mut i32) (i32.const 4096))
    (func (export "realloc") (param i32 i32 i32 i32) (result i32)
      (local $p i32)
      global.get $bump
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
      global.set $bump
      (block $ok
        (loop $grow
          global.get $bump
          memory.size
          i32.const 16
          i32.shl
          i32.le_u
          br_if $ok
          i32.const 1
          memory.grow
          i32.const -1
          i32.eq
          if unreachable end
          br $grow))
      local.get $p))
  (core instance $mem (instantiate $Mem))
  (alias core export $mem "memory" (core memory $memory))
  (alias core export $mem "realloc" (core func $realloc))

  (alias export $types "[method]descriptor.open-at" (func $open-at))
  (alias export $types "[method]descriptor.read" (func $read))
  (alias export $types "[method]descriptor.write" (func $write))
  (alias export $types "[method]descriptor.stat-at" (func $stat-at))
  (alias export $types "[method]descriptor.get-type" (func $get-type))
  (alias export $types "[method]descriptor.create-directory-at" (func $mkdir))
  (alias export $types "[method]descriptor.remove-directory-at" (func $rmdir))
  (alias export $types "[method]descriptor.unlink-file-at" (func $unlink))
  (alias export $types "[method]descriptor.read-directory" (func $read-dir))
  (alias export $types "[method]directory-entry-stream.read-directory-entry" (func $read-entry))
  (alias export $types "[method]descriptor.sync" (func $sync))
  (alias export $preopens "get-directories" (func $get-directories))
  (core func $open-at-core (canon lower (func $open-at) (memory $memory) (realloc $realloc)))
  (core func $read-core (canon lower (func $read) (memory $memory) (realloc $realloc)))
  (core func $write-core (canon lower (func $write) (memory $memory) (realloc $realloc)))
  (core func $stat-at-core (canon lower (func $stat-at) (memory $memory) (realloc $realloc)))
  (core func $get-type-core (canon lower (func $get-type) (memory $memory)))
  (core func $mkdir-core (canon lower (func $mkdir) (memory $memory) (realloc $realloc)))
  (core func $rmdir-core (canon lower (func $rmdir) (memory $memory) (realloc $realloc)))
  (core func $unlink-core (canon lower (func $unlink) (memory $memory) (realloc $realloc)))
  (core func $read-dir-core (canon lower (func $read-dir) (memory $memory)))
  (core func $read-entry-core (canon lower (func $read-entry) (memory $memory) (realloc $realloc)))
  (core func $sync-core (canon lower (func $sync) (memory $memory)))
  (core func $get-directories-core
    (canon lower (func $get-directories) (memory $memory) (realloc $realloc)))
  (core func $drop-d (canon resource.drop $d))
  (core func $drop-ds (canon resource.drop $ds))

  (core module $M
    (import "host" "memory" (memory 1))
    (import "host" "open-at" (func $open-at (param i32 i32 i32 i32 i32 i32 i32)))
    (import "host" "read" (func $read (param i32 i64 i64 i32)))
    (import "host" "write" (func $write (param i32 i32 i32 i64 i32)))
    (import "host" "stat-at" (func $stat-at (param i32 i32 i32 i32 i32)))
    (import "host" "get-type" (func $get-type (param i32 i32)))
    (import "host" "mkdir" (func $mkdir (param i32 i32 i32 i32)))
    (import "host" "rmdir" (func $rmdir (param i32 i32 i32 i32)))
    (import "host" "unlink" (func $unlink (param i32 i32 i32 i32)))
    (import "host" "read-dir" (func $read-dir (param i32 i32)))
    (import "host" "read-entry" (func $read-entry (param i32 i32)))
    (import "host" "sync" (func $sync (param i32 i32)))
    (import "host" "get-directories" (func $get-directories (param i32)))
    (import "host" "drop-d" (func $drop-d (param i32)))
    (import "host" "drop-ds" (func $drop-ds (param i32)))
    ;; 256: the area the host writes results to; 512: the area results are returned from;
    ;; 1024: the name of the listed entry asked for.
    (global $root (mut i32) (i32.const -1))

    ;; The pre-opened directory's handle (asked for once), -1 when there is none.
    (func $root (result i32)
      global.get $root
      i32.const -1
      i32.eq
      if
        i32.const 256
        call $get-directories
        i32.const 260
        i32.load
        if
          i32.const 256
          i32.load
          i32.load
          global.set $root
        end
      end
      global.get $root)

    ;; -(the error-code at $at + 1)
    (func $error (param $at i32) (result i64)
      i64.const -1
      local.get $at
      i64.load8_u
      i64.sub)

    ;; The handle of the file or directory at the path, or -(error + 1).
    (func (export "open") (param $ptr i32) (param $len i32) (param $oflags i32) (param $dflags i32)
      (result i64)
      call $root
      i32.const 0
      local.get $ptr
      local.get $len
      local.get $oflags
      local.get $dflags
      i32.const 256
      call $open-at
      i32.const 256
      i32.load8_u
      if (result i64)
        i32.const 260
        call $error
      else
        i32.const 260
        i64.load32_u
      end)

    ;; result<list<u8>, u32>: the bytes read, or the error-code's index
    (func (export "read") (param $fd i32) (param $n i64) (param $off i64) (result i32)
      local.get $fd
      local.get $n
      local.get $off
      i32.const 256
      call $read
      i32.const 512
      i32.const 256
      i32.load8_u
      i32.store
      i32.const 516
      i32.const 256
      i32.load8_u
      if (result i32)
        i32.const 260
        i32.load8_u
      else
        i32.const 260
        i32.load
      end
      i32.store
      i32.const 520
      i32.const 264
      i32.load
      i32.store
      i32.const 512)

    ;; The number of bytes one read returned, or -(error + 1).
    (func (export "read-len") (param $fd i32) (param $n i64) (param $off i64) (result i64)
      local.get $fd
      local.get $n
      local.get $off
      i32.const 256
      call $read
      i32.const 256
      i32.load8_u
      if (result i64)
        i32.const 260
        call $error
      else
        i32.const 264
        i64.load32_u
      end)

    (func (export "write") (param $fd i32) (param $ptr i32) (param $len i32) (param $off i64)
      (result i64)
      local.get $fd
      local.get $ptr
      local.get $len
      local.get $off
      i32.const 256
      call $write
      i32.const 256
      i32.load8_u
      if (result i64)
        i32.const 264
        call $error
      else
        i32.const 264
        i64.load
      end)

    ;; The size of the file at the path (links followed), or -(error + 1).
    (func (export "stat-at") (param $ptr i32) (param $len i32) (result i64)
      call $root
      i32.const 1
      local.get $ptr
      local.get $len
      i32.const 256
      call $stat-at
      i32.const 256
      i32.load8_u
      if (result i64)
        i32.const 264
        call $error
      else
        i32.const 280
        i64.load
      end)

    ;; The descriptor-type's index, or -(error + 1).
    (func (export "get-type") (param $fd i32) (result i64)
      local.get $fd
      i32.const 256
      call $get-type
      i32.const 256
      i32.load8_u
      if (result i64)
        i32.const 257
        call $error
      else
        i32.const 257
        i64.load8_u
      end)

    ;; op 0 makes a directory, 1 removes one, 2 removes a file; 0 or -(error + 1).
    (func (export "mutate") (param $op i32) (param $ptr i32) (param $len i32) (result i64)
      call $root
      local.get $ptr
      local.get $len
      i32.const 256
      local.get $op
      if (param i32 i32 i32 i32)
        local.get $op
        i32.const 1
        i32.eq
        if (param i32 i32 i32 i32)
          call $rmdir
        else
          call $unlink
        end
      else
        call $mkdir
      end
      i32.const 256
      i32.load8_u
      if (result i64)
        i32.const 257
        call $error
      else
        i64.const 0
      end)

    (func (export "sync") (param $fd i32) (result i64)
      local.get $fd
      i32.const 256
      call $sync
      i32.const 256
      i32.load8_u
      if (result i64)
        i32.const 257
        call $error
      else
        i64.const 0
      end)

    ;; Lists the directory at the path ("." for the root) entry by entry: the number of entries,
    ;; or -(error + 1); the name of entry $keep is kept for `name`.
    (func (export "list") (param $ptr i32) (param $len i32) (param $keep i32) (result i64)
      (local $dir i32) (local $stream i32) (local $n i32)
      call $root
      i32.const 0
      local.get $ptr
      local.get $len
      i32.const 2 ;; directory
      i32.const 1 ;; read
      i32.const 256
      call $open-at
      i32.const 256
      i32.load8_u
      if
        i32.const 260
        call $error
        return
      end
      i32.const 260
      i32.load
      local.set $dir
      local.get $dir
      i32.const 256
      call $read-dir
      i32.const 256
      i32.load8_u
      if
        local.get $dir
        call $drop-d
        i32.const 260
        call $error
        return
      end
      i32.const 260
      i32.load
      local.set $stream
      (block $done
        (loop $next
          local.get $stream
          i32.const 256
          call $read-entry
          i32.const 256
          i32.load8_u
          if
            local.get $stream
            call $drop-ds
            local.get $dir
            call $drop-d
            i32.const 260
            call $error
            return
          end
          i32.const 260
          i32.load8_u
          i32.eqz
          br_if $done
          local.get $n
          local.get $keep
          i32.eq
          if
            i32.const 1024
            i32.const 268
            i64.load
            i64.store
          end
          local.get $n
          i32.const 1
          i32.add
          local.set $n
          br $next))
      local.get $stream
      call $drop-ds
      local.get $dir
      call $drop-d
      local.get $n
      i64.extend_i32_u)

    (func (export "name") (result i32)
      i32.const 1024)

    (func (export "drop") (param $fd i32)
      local.get $fd
      call $drop-d)

    ;; Passes a directory-entry stream where a descriptor is expected.
    (func (export "confuse") (result i64)
      call $root
      i32.const 256
      call $read-dir
      i32.const 260
      i32.load
      i32.const 256
      call $get-type
      i64.const 0)
  )
  (core instance $host
    (export "memory" (memory $memory))
    (export "open-at" (func $open-at-core))
    (export "read" (func $read-core))
    (export "write" (func $write-core))
    (export "stat-at" (func $stat-at-core))
    (export "get-type" (func $get-type-core))
    (export "mkdir" (func $mkdir-core))
    (export "rmdir" (func $rmdir-core))
    (export "unlink" (func $unlink-core))
    (export "read-dir" (func $read-dir-core))
    (export "read-entry" (func $read-entry-core))
    (export "sync" (func $sync-core))
    (export "get-directories" (func $get-directories-core))
    (export "drop-d" (func $drop-d))
    (export "drop-ds" (func $drop-ds)))
  (core instance $m (instantiate $M (with "host" (instance $host))))
  (func (export "open") (param "path" string) (param "open-flags" u32) (param "flags" u32)
    (result s64) (canon lift (core func $m "open") (memory $memory) (realloc $realloc)))
  (func (export "read") (param "fd" u32) (param "length" u64) (param "offset" u64)
    (result (result (list u8) (error u32))) (canon lift (core func $m "read") (memory $memory)))
  (func (export "read-len") (param "fd" u32) (param "length" u64) (param "offset" u64)
    (result s64) (canon lift (core func $m "read-len")))
  (func (export "write") (param "fd" u32) (param "data" (list u8)) (param "offset" u64)
    (result s64) (canon lift (core func $m "write") (memory $memory) (realloc $realloc)))
  (func (export "stat-at") (param "path" string) (result s64)
    (canon lift (core func $m "stat-at") (memory $memory) (realloc $realloc)))
  (func (export "get-type") (param "fd" u32) (result s64)
    (canon lift (core func $m "get-type")))
  (func (export "mutate") (param "op" u32) (param "path" string) (result s64)
    (canon lift (core func $m "mutate") (memory $memory) (realloc $realloc)))
  (func (export "sync") (param "fd" u32) (result s64) (canon lift (core func $m "sync")))
  (func (export "list") (param "path" string) (param "keep" u32) (result s64)
    (canon lift (core func $m "list") (memory $memory) (realloc $realloc)))
  (func (export "name") (result string) (canon lift (core func $m "name") (memory $memory)))
  (func (export "drop") (param "fd" u32) (canon lift (core func $m "drop")))
  (func (export "confuse") (result s64) (canon lift (core func $m "confuse")))
)
