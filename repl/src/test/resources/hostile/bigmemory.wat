;; Hostile guest: starts with 4096 pages (256 MiB) of memory, whatever its tenant may use.
(module
  (memory (export "memory") 4096)
  (func (export "pages") (result i32) (memory.size)))
