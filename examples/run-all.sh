#!/usr/bin/env bash
# Builds the C and AssemblyScript guests (build-guests.sh), then runs every script example
# (examples/NAME/NAME.mosaic, or examples/NAME/compose.mosaic) through ./mosaic and compares its stdout
# with expected.txt and its exit code with expected-exit (0 when absent), after the mosaic commands
# in NAME/prepare when there is one. Each example gets a fresh
# MOSAIC_HOME, so blobs and audit logs start empty. Java examples (multitenant, embedding) are run
# by the examples module's ExamplesTest. Exit 0 when all match, 1 otherwise.
set -uo pipefail
cd "$(dirname "$0")"
ROOT="$(cd .. && pwd)"
# The C, AssemblyScript and component examples are built from their sources first.
./build-guests.sh || exit 1
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
failed=0
for dir in */; do
  name="${dir%/}"
  script="$name/$name.mosaic"
  # An example of composition may call its script compose.mosaic (examples/components).
  [[ -f "$script" ]] || script="$name/compose.mosaic"
  [[ -f "$script" ]] || continue
  if [[ -f "$name/needs-token" ]]; then
    echo "skip $name (needs a PKCS#11 token, see $name/README.md; ExamplesTest makes one)"
    continue
  fi
  expected_exit=0
  [[ -f "$name/expected-exit" ]] && expected_exit="$(tr -d '[:space:]' <"$name/expected-exit")"
  if [[ -f "$name/prepare" ]]; then
    # One mosaic command a line, run in the example's directory before the script (e.g. storing
    # a component's signature in the blob store).
    while read -r -a command; do
      ((${#command[@]})) || continue
      if ! (cd "$name" && MOSAIC_HOME="$work/$name" "$ROOT/mosaic" "${command[@]}" >/dev/null); then
        echo "FAIL $name: prepare step \`${command[*]}\` failed"
        failed=1
        continue 2
      fi
    done <"$name/prepare"
  fi
  MOSAIC_HOME="$work/$name" "$ROOT/mosaic" run "$script" >"$work/$name.out" 2>"$work/$name.err"
  status=$?
  if ! diff -u "$name/expected.txt" "$work/$name.out"; then
    echo "FAIL $name: stdout differs from $name/expected.txt"
    failed=1
  elif [[ "$status" != "$expected_exit" ]]; then
    echo "FAIL $name: exit $status, expected $expected_exit"
    cat "$work/$name.err"
    failed=1
  else
    echo "ok   $name (exit $status)"
  fi
done
exit "$failed"
