#!/usr/bin/env bash
# Can one request hold the server? `/healthz` latency while two clients keep posting messages that fill the
# body limit (one word repeated, one word of 64 KB, crisis sentences), against `/healthz` on an idle server in
# the same run (the baseline). Prints the ratios. Usage: Benchmarks/long-posts.sh [samples]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
samples="${1:-40}"
work="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
swift build -c release >&2
"$root/.build/release/routewijzer" serve --http 127.0.0.1:18091 --line 127.0.0.1:18092 2> "$work/serve.log" &
server=$!
for _ in $(seq 1 200); do curl -s -o /dev/null http://127.0.0.1:18091/healthz && break; sleep 0.1; done

# Milliseconds of one GET /healthz, `samples` times, as sorted numbers.
healthz() {
  for _ in $(seq 1 "$samples"); do
    curl -s -o /dev/null -w '%{time_total}\n' http://127.0.0.1:18091/healthz
  done | awk '{ printf "%.3f\n", $1 * 1000 }' | sort -n
}
quantile() { awk -v q="$1" '{ v[NR] = $1 } END { i = int(q * NR); if (i < 1) i = 1; print v[i] }'; }

idle="$(healthz)"
python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
bodies = {
    "repeated": " ".join(["zorg"] * 12000),
    "one-word": "a" * 64000,
    "crisis": "mijn man slaat me en ik wil niet meer leven. " * 1400,
}
for name, text in bodies.items():
    with open(f"{work}/{name}.json", "w") as f:
        json.dump({"session": name, "text": text[:64000]}, f)
PY
for kind in repeated one-word crisis; do
  clients=()
  for client in 1 2; do
    ( while true; do curl -s -o /dev/null -H 'Content-Type: application/json' --data-binary @"$work/$kind.json" http://127.0.0.1:18091/v1/messages; done ) &
    clients+=($!)
  done
  sleep 1
  busy="$(healthz)"
  kill "${clients[@]}" 2>/dev/null || true
  wait "${clients[@]}" 2>/dev/null || true
  p50_idle="$(quantile 0.5 <<< "$idle")"; p99_idle="$(quantile 0.99 <<< "$idle")"
  p50_busy="$(quantile 0.5 <<< "$busy")"; p99_busy="$(quantile 0.99 <<< "$busy")"
  echo "$kind: /healthz p50 ${p50_busy} ms, p99 ${p99_busy} ms while two clients post it; idle p50 ${p50_idle} ms, p99 ${p99_idle} ms;" \
       "ratio p99 $(awk -v a="$p99_busy" -v b="$p99_idle" 'BEGIN { printf "%.1f", a / b }')×"
  for _ in $(seq 1 100); do curl -s -o /dev/null http://127.0.0.1:18091/healthz && break; sleep 0.1; done
done
