#!/usr/bin/env bash
# Stop the Ray nodes .ci/ray-up.sh started, by their pids (SIGTERM to each `ray start --block`, which stops
# its node's processes; SIGKILL to whatever is left after 30 s), and remove the address file so the tests
# skip instead of failing to connect. Idempotent.
set -euo pipefail

ADDRESS_FILE="${DECLEAN_RAY_ADDRESS_FILE:-/tmp/declean-ray.address}"
STATE_FILE="${DECLEAN_RAY_STATE:-/tmp/declean-ray.pids}"

say() { echo "ray-down: $*" >&2; }

rm -f "$ADDRESS_FILE"
if [[ ! -f "$STATE_FILE" ]]; then
    say "no state file $STATE_FILE; nothing to stop"
    exit 0
fi
mapfile -t pids <"$STATE_FILE"
# The worker node first, then the head (reverse order of starting).
for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    pid="${pids[i]}"
    [[ -n "$pid" ]] && kill -TERM "$pid" 2>/dev/null || true
done
for pid in "${pids[@]}"; do
    [[ -n "$pid" ]] || continue
    for _ in $(seq 30); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 1
    done
    if kill -0 "$pid" 2>/dev/null; then
        say "pid $pid still running after 30 s; killing it"
        pkill -KILL -P "$pid" 2>/dev/null || true
        kill -KILL "$pid" 2>/dev/null || true
    fi
done
rm -f "$STATE_FILE"
say "stopped"
