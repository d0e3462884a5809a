#!/usr/bin/env bash
# Rebuilds the test guests: wat2wasm (wabt) for each .wat, then, when a .abi file sits beside it,
# appends its text as the `mosaic.abi` custom section (wabt 1.0.32 cannot emit custom sections).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
for wat in *.wat; do
  base="${wat%.wat}"
  wat2wasm "$wat" -o "$base.wasm"
  if [[ -f "$base.abi" ]]; then
    python3 - "$base.wasm" "$base.abi" <<'PY'
import sys
def leb(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        out.append(b | 0x80 if n else b)
        if not n:
            return bytes(out)
wasm, abi = sys.argv[1], sys.argv[2]
name = b"mosaic.abi"
body = leb(len(name)) + name + open(abi, "rb").read()
with open(wasm, "ab") as f:
    f.write(b"\x00" + leb(len(body)) + body)
PY
  fi
done
