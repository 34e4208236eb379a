#!/usr/bin/env bash
# Dialogue benchmark: every conversation transcript replayed in-process, three runs (the machines are
# shared and noisy; compare the ratio to the bare search, measured in the same run).
# Usage: Benchmarks/dialogue.sh [repeats]   (default 50 replays of all transcripts per run)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
swift build -c release --product routewijzer-bench >&2
for run in 1 2 3; do
  echo "== run $run"
  "$root/.build/release/routewijzer-bench" dialogue --repeat "${1:-50}"
done
