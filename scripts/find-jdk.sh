#!/usr/bin/env bash
# Prints the home of a JDK 25 or newer: $JAVA_HOME, then `java` on PATH, then the usual JVM
# directories. Prints a clear message and returns 1 when there is none.

mosaic_jdk_major() { # JAVA_HOME -> major version, or nothing
  local home="$1" v=""
  [[ -x "$home/bin/java" && -x "$home/bin/javac" ]] || return 0
  if [[ -f "$home/release" ]]; then
    v="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release")"
  fi
  if [[ -z "$v" ]]; then
    v="$("$home/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/.*java\.specification\.version = \([0-9]*\).*/\1/p')"
  fi
  echo "$v"
}

mosaic_find_jdk() {
  local want=25 c v best="" bestv=0
  # 1. JAVA_HOME, 2. java on PATH: the first that is new enough wins.
  local preferred=("${JAVA_HOME:-}")
  if command -v java >/dev/null 2>&1; then
    preferred+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for c in "${preferred[@]}"; do
    [[ -n "$c" ]] || continue
    v="$(mosaic_jdk_major "$c")"
    if [[ -n "$v" && "$v" -ge "$want" ]]; then echo "$c"; return 0; fi
  done
  # 3. The usual JVM directories: the newest qualifying JDK.
  for c in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* \
           /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [[ -d "$c" && ! -L "$c" ]] || continue
    v="$(mosaic_jdk_major "$c")"
    if [[ -n "$v" && "$v" -ge "$want" && "$v" -gt "$bestv" ]]; then best="$c"; bestv="$v"; fi
  done
  if [[ -n "$best" ]]; then echo "$best"; return 0; fi
  echo "mosaic: no JDK $want or newer found; set JAVA_HOME to one (looked at JAVA_HOME, java on PATH, /usr/lib/jvm and the usual JVM directories)" >&2
  return 1
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  mosaic_find_jdk
fi
