#!/usr/bin/env bash
# Stop the dockerd that .ci/docker-up.sh started, by its pid file. Idempotent; leaves other daemons alone.
set -euo pipefail

PIDFILE="${DECLEAN_DOCKERD_PIDFILE:-/tmp/declean-dockerd.pid}"
WAIT_SECONDS=30

say() { echo "docker-down: $*" >&2; }

if [[ ! -f "$PIDFILE" ]]; then
    say "no pid file $PIDFILE; nothing to stop"
    exit 0
fi
pid="$(cat "$PIDFILE")"
if ! kill -0 "$pid" 2>/dev/null; then
    say "dockerd $pid is not running"
    rm -f "$PIDFILE"
    exit 0
fi
if [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" != "dockerd" ]]; then
    say "pid $pid is not dockerd; refusing to signal it"
    exit 1
fi
say "stopping dockerd $pid"
kill -TERM "$pid"
for ((waited = 0; waited < WAIT_SECONDS; waited++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 1
done
if kill -0 "$pid" 2>/dev/null; then
    say "dockerd $pid still running after ${WAIT_SECONDS}s; sending SIGKILL"
    kill -KILL "$pid"
fi
rm -f "$PIDFILE"
say "stopped"
