#!/usr/bin/env bash
# Builds the examples whose guests are written in C, AssemblyScript and JavaScript from their sources, with
# the real toolchains: clang + lld + wasi-libc (Debian: clang lld wasi-libc libclang-rt-dev-wasm32)
# and AssemblyScript from npm (the version pinned in guest-kits/assemblyscript/package-lock.json,
# installed with `npm ci` into guest-kits/assemblyscript/node_modules). The WebAssembly components
# of examples/components are the test components calc (C, made a component by jco) and app
# (JavaScript, componentize-js), built by wasm-host/src/test/components/build.mjs with the jco and
# componentize-js of its package-lock.json. The .wasm files are build
# output, not committed. run-all.sh and ExamplesTest run this first; CI installs the toolchains.
# Exit 0 when all are built, 2 with a message naming what is missing.
set -euo pipefail
cd "$(dirname "$0")"
ROOT="$(cd .. && pwd)"
KIT_C="$ROOT/guest-kits/c"
KIT_AS="$ROOT/guest-kits/assemblyscript"

missing() {
  echo "build-guests: $1" >&2
  echo "build-guests: install the guest toolchains (CI's .ci/run does):" >&2
  echo "  apt-get install clang lld wasi-libc libclang-rt-dev-wasm32 nodejs npm" >&2
  exit 2
}

command -v clang >/dev/null || missing "clang is not installed"
probe="$(mktemp -d)"
trap 'rm -rf "$probe"' EXIT
printf 'int main(void){return 0;}\n' >"$probe/probe.c"
clang --target=wasm32-wasi -O2 -o "$probe/probe.wasm" "$probe/probe.c" 2>"$probe/err" ||
  missing "clang cannot build for wasm32-wasi: $(head -c 300 "$probe/err")"
command -v npm >/dev/null || missing "npm is not installed"

# Same sources, same flags, same toolchain: the same bytes (no paths or dates in the output).
clang --target=wasm32 -O2 -nostdlib -I "$KIT_C" -Wl,--no-entry -Wl,--strip-all \
  -o c-plugin/plugin.wasm c-plugin/plugin.c
echo "built c-plugin/plugin.wasm"
clang --target=wasm32-wasi -O2 -Wl,--strip-all -o c-command/hello.wasm c-command/hello.c
echo "built c-command/hello.wasm"

# `npm ci` only when the installed packages are not those of the lock file.
if ! cmp -s "$KIT_AS/package-lock.json" "$KIT_AS/node_modules/.package-lock.json.ci" 2>/dev/null; then
  (cd "$KIT_AS" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) ||
    missing "npm ci failed in guest-kits/assemblyscript (it needs the npm registry)"
  cp "$KIT_AS/package-lock.json" "$KIT_AS/node_modules/.package-lock.json.ci"
fi
"$KIT_AS/node_modules/.bin/asc" as-plugin/plugin.ts \
  --transform "$KIT_AS/transform/abi.mjs" --use abort=__mosaic_abort \
  --runtime incremental -O3 --noColors -o as-plugin/plugin.wasm
echo "built as-plugin/plugin.wasm"

# The components: the sources and the pinned npm tools are the wasm-host test components'.
COMPONENTS="$ROOT/wasm-host/src/test/components"
if ! cmp -s "$COMPONENTS/package-lock.json" "$COMPONENTS/node_modules/.package-lock.json.ci" 2>/dev/null; then
  (cd "$COMPONENTS" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) ||
    missing "npm ci failed in wasm-host/src/test/components (it needs the npm registry)"
  cp "$COMPONENTS/package-lock.json" "$COMPONENTS/node_modules/.package-lock.json.ci"
fi
node "$COMPONENTS/build.mjs" components calc app >/dev/null
echo "built components/calc.wasm components/app.wasm"
