#!/usr/bin/env bash
# Captures the chat as a person sees it in a real terminal (tmux) at a given width, for docs/ and for the
# terminal test: a prompt, wrapping to the window, compact cards. Usage:
#   Benchmarks/terminal-capture.sh [WIDTH] [OUT]     (default 50 columns, standard output)
# Needs tmux (apt-get install tmux) and a built routewijzer (swift build).
set -euo pipefail
cd "$(dirname "$0")/.."
width="${1:-50}"
out="${2:-/dev/stdout}"
binary="${ROUTEWIJZER_BINARY:-.build/debug/routewijzer}"
session="routewijzer-capture-$$"
command -v tmux >/dev/null || { echo "terminal-capture: tmux is not installed (apt-get install tmux)" >&2; exit 3; }
[ -x "$binary" ] || { echo "terminal-capture: $binary is missing (swift build)" >&2; exit 3; }

tmux new-session -d -s "$session" -x "$width" -y 200 "NO_COLOR=1 $binary chat --seed 1; sleep 30"
trap 'tmux kill-session -t "$session" 2>/dev/null || true' EXIT
# Waits until the pane shows $1 (the chat answers in milliseconds; the first start may train the model).
wait_for() {
  for _ in $(seq 1 600); do
    # The chat wraps its own lines, so a phrase may span two: search the pane as one line.
    tmux capture-pane -p -t "$session" -S - | tr '\n' ' ' | tr -s ' ' | grep -qF "$1" && return 0
    sleep 0.1
  done
  echo "terminal-capture: timed out waiting for: $1" >&2
  exit 1
}
say() { tmux send-keys -t "$session" -l "$1"; tmux send-keys -t "$session" Enter; }

wait_for "Vertel in uw eigen woorden"
say "mijn moeder van 84 heeft dementie en ik ben zelf helemaal op"
wait_for "Wlz-indicatie van het CIZ?"
say "nee"
wait_for "iemand in de buurt"
say "ja"
wait_for "Kan ik nog iets voor u uitzoeken"
say "wat kost dat?"
wait_for "Over het advies hierboven"
tmux send-keys -t "$session" C-d
wait_for "Tot ziens"
tmux capture-pane -p -t "$session" -S - | sed -e 's/[[:space:]]*$//' | awk 'NF || prev { print } { prev = NF }' > "$out"
