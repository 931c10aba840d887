#!/usr/bin/env bash
# Stop the Label Studio server that .ci/label-studio-up.sh started, by its pid file. Idempotent; never fails
# when it is not running, and leaves other processes alone. Keeps the venv (reused by the next start).
set -euo pipefail

CI_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PIDFILE="$CI_DIR/.label-studio.pid"
WAIT_SECONDS=20

say() { echo "label-studio-down: $*" >&2; }

if [[ ! -f "$PIDFILE" ]]; then
    say "no pid file $PIDFILE; nothing to stop"
    exit 0
fi
pid="$(cat "$PIDFILE")"
if [[ ! "$pid" =~ ^[0-9]+$ ]] || ! kill -0 "$pid" 2>/dev/null; then
    say "Label Studio ${pid:-?} is not running"
    rm -f "$PIDFILE"
    exit 0
fi
# A stale pid file may name a pid that was reused by something else.
if ! tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q label-studio; then
    say "pid $pid is not Label Studio; not signalling it"
    rm -f "$PIDFILE"
    exit 0
fi
# up started it with setsid, so its pid is also its process group: signal the group, children included.
say "stopping Label Studio $pid"
kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
for ((waited = 0; waited < WAIT_SECONDS; waited++)); do
    kill -0 -- "-$pid" 2>/dev/null || kill -0 "$pid" 2>/dev/null || break
    sleep 1
done
if kill -0 -- "-$pid" 2>/dev/null || kill -0 "$pid" 2>/dev/null; then
    say "Label Studio $pid still running after ${WAIT_SECONDS}s; sending SIGKILL"
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
fi
rm -f "$PIDFILE"
say "stopped"
