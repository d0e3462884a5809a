#!/usr/bin/env bash
# Rebuilds every example's .wasm from the .wat beside it (needs wabt's wat2wasm). When a .abi
# file sits beside a .wat, its text is appended as the `mosaic.abi` custom section
# (docs/guest-abi.md; wabt 1.0.32 cannot emit custom sections itself).
set -euo pipefail
cd "$(dirname "$0")"
find . -name '*.wat' -not -path '*/target/*' -print0 | sort -z | while IFS= read -r -d '' wat; do
  base="${wat%.wat}"
  wat2wasm --enable-all "$wat" -o "$base.wasm"
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
  echo "built $base.wasm"
done
