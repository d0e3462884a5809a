#!/usr/bin/env bash
# Rebuilds the benchmark guests with wabt's wat2wasm; a .abi file beside a .wat is appended as the
# `mosaic.abi` custom section (docs/guest-abi.md), as examples/build-wasm.sh does.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
for wat in *.wat; do
  wat2wasm "$wat" -o "${wat%.wat}.wasm"
  if [[ -f "${wat%.wat}.abi" ]]; then
    python3 - "${wat%.wat}.wasm" "${wat%.wat}.abi" <<'PY'
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
