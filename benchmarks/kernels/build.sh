#!/usr/bin/env bash
# Builds the C benchmark kernels to wasm32 with Debian's clang, lld and wasi-libc
# (apt-get install clang lld wasi-libc libclang-rt-dev-wasm32) into the directory given
# (default: benchmarks/target/kernels). The modules are reactors without WASI imports:
# they export setup (where there is one) and run.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT="${1:-$HERE/../target/kernels}"
mkdir -p "$OUT"
CLANG="${CLANG:-clang}"
command -v "$CLANG" >/dev/null || {
  echo "kernels: clang is needed (apt-get install clang lld wasi-libc libclang-rt-dev-wasm32)" >&2
  exit 69
}
FLAGS=(--target=wasm32-wasi -O2 -DNDEBUG -mexec-model=reactor -I "$HERE"
  -Wl,--initial-memory=33554432 -Wl,--max-memory=134217728 -Wl,--strip-debug)
"$CLANG" "${FLAGS[@]}" -o "$OUT/sha256.wasm" "$HERE/sha256_kernel.c" \
  "$HERE/third_party/crypto-algorithms/sha256.c"
"$CLANG" "${FLAGS[@]}" -o "$OUT/qsort.wasm" "$HERE/qsort_kernel.c"
for k in keccak matrix; do
  "$CLANG" "${FLAGS[@]}" -Dmain=shootout_main -Wno-main-return-type -Wno-return-type -o "$OUT/$k.wasm" \
    "$HERE/shootout.c" "$HERE/third_party/sightglass-shootout/$k.c"
done
for m in "$OUT"/*.wasm; do
  if wasm-objdump -x -j Import "$m" 2>/dev/null | grep -q ' <- '; then
    echo "kernels: $m imports something; kernels must be self-contained:" >&2
    wasm-objdump -x -j Import "$m" >&2
    exit 1
  fi
done
echo "kernels: built $(ls "$OUT"/*.wasm | wc -l) modules in $OUT"
