#!/usr/bin/env bash
# Rebuilds every example's .wasm from the .wat beside it (needs wabt's wat2wasm).
set -euo pipefail
cd "$(dirname "$0")"
find . -name '*.wat' -print0 | while IFS= read -r -d '' wat; do
  wat2wasm --enable-all "$wat" -o "${wat%.wat}.wasm"
  echo "built ${wat%.wat}.wasm"
done
