#!/usr/bin/env bash
# Server benchmark, everything on this machine in one run:
#   1. nginx answering `return 200` (the baseline), wrk with 50 connections;
#   2. routewijzer serve, wrk with 50 connections doing real dialogue turns on POST /v1/messages;
#   3. the line protocol with 50 connections (routewijzer-bench line-load);
#   4. peak RSS of the server.
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
"$root/.build/release/routewijzer" serve --http 127.0.0.1:18081 --line 127.0.0.1:18082 --max-sessions 100000 2> "$work/serve.log" &
server=$!
sleep 1.5

echo "== nginx return 200 (baseline)"
nginx_rps=$(wrk -t2 -c50 -d"${seconds}s" http://127.0.0.1:18080/ | tee /dev/stderr | awk '/Requests\/sec/ {print $2}')
echo "== routewijzer POST /v1/messages (dialogue turns)"
ours_rps=$(wrk -t2 -c50 -d"${seconds}s" -s "$root/Benchmarks/wrk-messages.lua" http://127.0.0.1:18081/v1/messages | tee /dev/stderr | awk '/Requests\/sec/ {print $2}')
echo "== line protocol, 50 connections"
"$root/.build/release/routewijzer-bench" line-load --port 18082 --connections 50 --seconds "$seconds"
rss_kb=$(awk '/VmHWM/ {print $2}' "/proc/$server/status")
echo
echo "HTTP: routewijzer $ours_rps req/s, nginx $nginx_rps req/s, ratio $(awk -v a="$ours_rps" -v b="$nginx_rps" 'BEGIN {printf "%.2f", a / b}') (target >= 0.6)"
echo "server peak RSS: $((rss_kb / 1024)) MB (target < 40 MB)"
