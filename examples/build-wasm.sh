#!/usr/bin/env bash
# Rebuilds every example's .wasm from the .wat (and .abi) beside it: scripts/build-wasm says how.
here="$(cd "$(dirname "$0")" && pwd)"
exec "$here/../scripts/build-wasm" --enable-all --recursive "$here"
