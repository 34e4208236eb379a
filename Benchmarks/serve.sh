#!/usr/bin/env bash
# Server benchmark, everything on this machine in one run:
#   1. nginx answering `return 200` (the baseline), wrk with 50 connections;
#   2. routewijzer serve, wrk with 50 connections doing real dialogue turns on POST /v1/messages;
#   3. the line protocol with 50 connections (routewijzer-bench line-load);
#   4. peak RSS of the server;
#   5. server CPU time per request (user + system, from /proc) for nginx and for routewijzer, which shows
#      where the gap is, and the server's work per request in-process without sockets (request-path);
#   6. 10,000 live sessions, in memory only and with --sessions (the journal, compacting as it grows):
#      throughput ratio and p99 latency of each;
#   7. the same with --sessions redis://… (a redis-server started here, without persistence), when installed.
# Needs wrk and nginx (apt-get install wrk nginx-light). Usage: Benchmarks/serve.sh [seconds]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
seconds="${1:-10}"
work="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
swift build -c release >&2

cat > "$work/nginx.conf" <<CONF
worker_processes 2;
error_log $work/nginx-error.log;
pid $work/nginx.pid;
events { worker_connections 1024; }
http {
  access_log off;
  server { listen 127.0.0.1:18080; location / { return 200 "ok"; } }
}
CONF
nginx -c "$work/nginx.conf" -p "$work" -g 'daemon off;' &
nginx_master=$!
"$root/.build/release/routewijzer" serve --http 127.0.0.1:18081 --line 127.0.0.1:18082 --max-sessions 100000 2> "$work/serve.log" &
server=$!
sleep 1.5

# CPU ticks (user + system) of the given processes.
ticks() { local total=0; for pid in "$@"; do total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat"))); done; echo "$total"; }
# wrk with the given arguments against processes $pids: prints its report, sets rps and cpu_us (server µs per request).
measure() {
  local before report requests
  before=$(ticks $pids)
  report=$(wrk "$@")
  echo "$report" >&2
  rps=$(echo "$report" | awk '/Requests\/sec/ {print $2}')
  requests=$(echo "$report" | awk '/requests in/ {print $1}')
  cpu_us=$(awk -v t=$(( $(ticks $pids) - before )) -v r="$requests" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.1f", t / hz * 1e6 / r}')
}

echo "== nginx return 200 (baseline)"
pids=$(pgrep -P "$nginx_master" | tr '\n' ' ')
measure -t2 -c50 -d"${seconds}s" http://127.0.0.1:18080/
nginx_rps=$rps nginx_cpu=$cpu_us
echo "== routewijzer POST /v1/messages (dialogue turns)"
pids=$server
measure -t2 -c50 -d"${seconds}s" -s "$root/Benchmarks/wrk-messages.lua" http://127.0.0.1:18081/v1/messages
ours_rps=$rps ours_cpu=$cpu_us
echo "== line protocol, 50 connections"
"$root/.build/release/routewijzer-bench" line-load --port 18082 --connections 50 --seconds "$seconds"
rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$server/status")
hwm_kb=$(awk '/VmHWM/ {print $2}' "/proc/$server/status")
echo
echo "HTTP: routewijzer $ours_rps req/s, nginx $nginx_rps req/s, ratio $(awk -v a="$ours_rps" -v b="$nginx_rps" 'BEGIN {printf "%.2f", a / b}') (target >= 0.6)"
echo "server RSS after both loads: $((rss_kb / 1024)) MB (target < 40 MB); peak while loading content (VmHWM): $((hwm_kb / 1024)) MB"
echo "server CPU per request: routewijzer $ours_cpu µs, nginx $nginx_cpu µs"
"$root/.build/release/routewijzer-bench" request-path

# wrk against a fresh server started with the given options, 10,000 sessions (5,000 per wrk thread):
# sets rps, p99_ms and compactions.
with_sessions() {
  local port=$1; shift
  "$root/.build/release/routewijzer" serve --http "127.0.0.1:$port" --max-sessions 100000 "$@" 2> "$work/sessions-$port.log" &
  local pid=$!
  sleep 1.5
  local report
  report=$(wrk -t2 -c50 -d"${seconds}s" --latency -s "$root/Benchmarks/wrk-messages.lua" "http://127.0.0.1:$port/v1/messages" -- 5000)
  echo "$report" >&2
  rps=$(echo "$report" | awk '/Requests\/sec/ {print $2}')
  p99_ms=$(echo "$report" | awk '$1 == "99%" {v = $2; u = v; gsub(/[0-9.]/, "", u); gsub(/[a-z]/, "", v);
    printf "%.2f", v * (u == "us" ? 0.001 : u == "s" ? 1000 : 1)}')
  compactions=$(curl -s "http://127.0.0.1:$port/metrics" | awk '/^routewijzer_journal_compactions_total/ {print $2}')
  kill "$pid"; wait "$pid" 2>/dev/null || true
}
echo
echo "== 10,000 sessions: in memory, then with --sessions (journal)"
with_sessions 18083
memory_rps=$rps memory_p99=$p99_ms
with_sessions 18084 --sessions "$work/sessions.journal"
echo "in memory: $memory_rps req/s, p99 $memory_p99 ms"
echo "journal:   $rps req/s, p99 $p99_ms ms, $compactions compactions, journal now $(( $(stat -c %s "$work/sessions.journal") / 1024 )) KiB"
echo "journal / memory: $(awk -v a="$rps" -v b="$memory_rps" 'BEGIN {printf "%.2f", a / b}') (target >= 0.8), p99 with journal $p99_ms ms (target < 50)"

if command -v redis-server >/dev/null; then
  redis-server --port 18090 --bind 127.0.0.1 --save "" --appendonly no > "$work/redis.log" 2>&1 &
  sleep 0.5
  echo
  echo "== 10,000 sessions in Redis (one redis-server on this machine)"
  with_sessions 18085 --sessions redis://127.0.0.1:18090
  echo "redis:     $rps req/s, p99 $p99_ms ms"
  echo "redis / memory: $(awk -v a="$rps" -v b="$memory_rps" 'BEGIN {printf "%.2f", a / b}')"
else
  echo "skipping the Redis run: redis-server is not installed"
fi
