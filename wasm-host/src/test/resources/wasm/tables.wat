;; Hostile guest for table limits: grows its table by any number of elements at once, or one
;; step after another until the host refuses, and reports the table's size.
(module
  (table $t 1 funcref)
  (func (export "grow_table") (param i32) (result i32)
    (table.grow $t (ref.null func) (local.get 0)))
  (func (export "grow_until_refused") (param i32) (result i32)
    (block $refused
      (loop $more
        (br_if $refused
          (i32.eq (table.grow $t (ref.null func) (local.get 0)) (i32.const -1)))
        (br $more)))
    (table.size $t))
  (func (export "table_size") (result i32) (table.size $t)))
