#!/usr/bin/env bash
# Builds and runs the libFuzzer targets (not part of CI: they run for minutes).
# Usage: Tests/Fuzz/run.sh [target...] [-- libFuzzer options]   (default: all targets, -runs=1000000)
# Targets: json, http, lines, resp, flow, knowledge, state. Corpora and crash files go to .build/fuzz/<target>/.
set -euo pipefail
# Swift's crash reporter hangs under ASan; libFuzzer reports crashes itself.
export SWIFT_BACKTRACE=enable=no
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="$root/.build/fuzz"
mkdir -p "$out/modules"
flags=(-sanitize=fuzzer,address -parse-as-library -O -I "$out/modules")

# The package's pure modules, each compiled with coverage instrumentation into a static library.
build_module() {
  local name=$1; shift
  swiftc "${flags[@]}" -emit-module -emit-library -static -module-name "$name" \
    -emit-module-path "$out/modules/$name.swiftmodule" -o "$out/modules/lib$name.a" "$@" "$root/Sources/$name"/*.swift
}
build_module DutchText
build_module Retrieval -L "$out/modules" -lDutchText
build_module Wire
build_module Dialogue -L "$out/modules" -lDutchText -lRetrieval -lWire

targets=()
options=()
seen_separator=0
for argument in "$@"; do
  if [ "$argument" = "--" ]; then seen_separator=1; continue; fi
  if [ $seen_separator = 1 ]; then options+=("$argument"); else targets+=("$argument"); fi
done
[ ${#targets[@]} -eq 0 ] && targets=(json http lines resp flow knowledge state)
[ ${#options[@]} -eq 0 ] && options=(-runs=1000000)

for target in "${targets[@]}"; do
  case "$target" in
    json) source=FuzzJSON.swift ;;
    http) source=FuzzHTTP.swift ;;
    lines) source=FuzzLines.swift ;;
    resp) source=FuzzRESP.swift ;;
    flow) source=FuzzFlow.swift ;;
    knowledge) source=FuzzKnowledge.swift ;;
    state) source=FuzzState.swift ;;
    *) echo "unknown target $target" >&2; exit 2 ;;
  esac
  source="$root/Tests/Fuzz/$source"
  binary="$out/fuzz-$target"
  swiftc "${flags[@]}" -L "$out/modules" -lWire -lDialogue -lRetrieval -lDutchText "$source" -o "$binary"
  mkdir -p "$out/$target/corpus"
  echo "== $target"
  (cd "$out/$target" && "$binary" "${options[@]}" corpus)
done
