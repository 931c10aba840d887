#!/usr/bin/env bash
# Start a real two-node Ray cluster on loopback for the tests of `declean run --executor ray`: a head node
# and a second (worker) node, each `ray start --block` in the background so that .ci/ray-down.sh stops
# them by pid. Waits until both nodes are alive, then writes the head's address to the address file, which
# the tests' `ray_address` fixture reads.
#
# Environment: DECLEAN_RAY (default .venv/bin/ray), DECLEAN_RAY_PORT (the head's GCS port, default 6390),
# DECLEAN_RAY_ADDRESS_FILE (default /tmp/declean-ray.address), DECLEAN_RAY_STATE (default
# /tmp/declean-ray.pids: the pids this script started, for ray-down.sh), DECLEAN_RAY_LOG_DIR (default
# /tmp/declean-ray-logs).
set -euo pipefail
cd "$(dirname "$0")/.."

RAY="${DECLEAN_RAY:-.venv/bin/ray}"
PYTHON="$(dirname "$RAY")/python"
PORT="${DECLEAN_RAY_PORT:-6390}"
ADDRESS_FILE="${DECLEAN_RAY_ADDRESS_FILE:-/tmp/declean-ray.address}"
STATE_FILE="${DECLEAN_RAY_STATE:-/tmp/declean-ray.pids}"
LOG_DIR="${DECLEAN_RAY_LOG_DIR:-/tmp/declean-ray-logs}"
ADDRESS="127.0.0.1:$PORT"
WAIT_SECONDS=120

say() { echo "ray-up: $*" >&2; }
die() {
    say "$*"
    tail -n 20 "$LOG_DIR"/*.log >&2 || true
    exit 1
}

[[ -x "$RAY" ]] || die "$RAY is missing: install declean[cluster] first"
mkdir -p "$LOG_DIR"
rm -f "$ADDRESS_FILE"
: >"$STATE_FILE"

# Two CPUs each, whatever the machine has: the tests place one worker per node.
common=(--block --node-ip-address 127.0.0.1 --num-cpus 2 --disable-usage-stats)
say "starting the head on $ADDRESS"
"$RAY" start --head --port "$PORT" --include-dashboard false "${common[@]}" \
    >"$LOG_DIR/head.log" 2>&1 &
echo "$!" >>"$STATE_FILE"

# The head's GCS answers before the second node can join.
waited=0
until "$PYTHON" -c "import ray; ray.init(address='$ADDRESS', logging_level='ERROR'); ray.shutdown()" \
    >/dev/null 2>&1; do
    ((waited < WAIT_SECONDS)) || die "the head did not answer on $ADDRESS within ${WAIT_SECONDS}s"
    sleep 1
    waited=$((waited + 1))
done

say "starting a worker node"
"$RAY" start --address "$ADDRESS" "${common[@]}" >"$LOG_DIR/worker.log" 2>&1 &
echo "$!" >>"$STATE_FILE"

alive_nodes() {
    "$PYTHON" -c "
import ray
ray.init(address='$ADDRESS', logging_level='ERROR')
print(sum(1 for node in ray.nodes() if node['Alive']))
ray.shutdown()" 2>/dev/null || echo 0
}
until [[ "$(alive_nodes)" -ge 2 ]]; do
    ((waited < WAIT_SECONDS)) || die "the worker node did not join $ADDRESS within ${WAIT_SECONDS}s"
    sleep 1
    waited=$((waited + 1))
done

echo "$ADDRESS" >"$ADDRESS_FILE"
say "two nodes alive on $ADDRESS; wrote $ADDRESS_FILE"
echo "$ADDRESS"
