#!/usr/bin/env bash
# Rebuilds the guests here from their .wat (and .abi) files: scripts/build-wasm says how.
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
exec "$here/../../../../../scripts/build-wasm" "$here"
