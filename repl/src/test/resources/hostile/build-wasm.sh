#!/usr/bin/env bash
# Rebuilds the hostile guests of the command-line tests with wabt's wat2wasm.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
for wat in *.wat; do wat2wasm "$wat" -o "${wat%.wat}.wasm"; done
