#!/usr/bin/env bash
# Retrieval benchmark: the real Knowledge/ and synthetic corpora of 10k and 100k documents.
# Each size runs in its own process so that peak RSS belongs to that size alone.
# Usage: Benchmarks/retrieval.sh [sizes...]   (default: 10000 100000)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
swift build -c release --product routewijzer-bench >&2
bench="$root/.build/release/routewijzer-bench"

echo "== Knowledge/ (dev questions, 50 repeats)"
"$bench" retrieval --repeat 50
for size in "${@:-10000 100000}"; do
  for n in $size; do
    echo
    echo "== synthetic: $n documents (3 passages each)"
    "$bench" retrieval --synthetic "$n" --repeat 3
  done
done
