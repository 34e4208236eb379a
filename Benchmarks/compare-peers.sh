#!/usr/bin/env bash
# Runs Routewijzer, bm25s and tantivy on the same passages and questions and prints figures and ratios.
# Corpora: the real Knowledge/ and synthetic ones of 10k and 100k documents (3 passages each), made by
# `routewijzer-bench export`. The peers live in a venv outside the repository (PEERS_VENV).
# Usage: Benchmarks/compare-peers.sh [sizes...]   (default: 10000 100000)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="${PEERS_VENV:-/tmp/rw-peers-venv}"
queries="$root/../shared/eval/dev.tsv"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [ ! -f "$queries" ]; then
  echo "skipping: $queries is absent (the comparison needs the shared development questions)"
  exit 0
fi
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet "bm25s==0.3.16" "PyStemmer==3.1.0" "tantivy==0.27.0"
fi
cd "$root"
swift build -c release --product routewijzer-bench >&2
bench="$root/.build/release/routewijzer-bench"

echo "== Knowledge/ ($(ls -1 Knowledge/*/*.md | wc -l) documents), dev questions"
"$bench" export > "$work/real.jsonl"
"$venv/bin/python" Benchmarks/compare_peers.py --corpus "$work/real.jsonl" --queries "$queries" --repeat 20
for n in ${@:-10000 100000}; do
  echo
  echo "== synthetic: $n documents; accuracy is not meaningful on synthetic text"
  "$bench" export --synthetic "$n" > "$work/synthetic.jsonl"
  "$venv/bin/python" Benchmarks/compare_peers.py --corpus "$work/synthetic.jsonl" --queries "$queries" --repeat 2
done
