#!/usr/bin/env bash
# Bring up a Docker engine and the declean gcc image, for CI and developers. Run as root; idempotent.
#
# Installs docker.io and debootstrap when missing (assumes `apt-get update` was done), starts dockerd
# in the background when `docker info` does not answer (no systemd needed), waits for it, and builds
# the image with `python -m declean.sandbox.image` when it is missing. Stop it with .ci/docker-down.sh.
#
# Environment: DECLEAN_DOCKERD_PIDFILE (default /tmp/declean-dockerd.pid),
# DECLEAN_DOCKERD_LOG (default /tmp/declean-dockerd.log), DECLEAN_IMAGE (default declean-gcc:bookworm),
# DECLEAN_MIRROR (default: the mirror apt uses), PYTHON (default: the repo's .venv/bin/python).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PIDFILE="${DECLEAN_DOCKERD_PIDFILE:-/tmp/declean-dockerd.pid}"
LOGFILE="${DECLEAN_DOCKERD_LOG:-/tmp/declean-dockerd.log}"
IMAGE="${DECLEAN_IMAGE:-declean-gcc:bookworm}"
PYTHON="${PYTHON:-$REPO/.venv/bin/python}"
WAIT_SECONDS=60
export PATH="$PATH:/usr/sbin:/sbin"

say() { echo "docker-up: $*" >&2; }

if [[ "$(id -u)" -ne 0 ]]; then
    say "must run as root (installs packages, starts dockerd, runs debootstrap)"
    exit 1
fi

install_packages() {
    local missing=()
    command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
    command -v docker >/dev/null 2>&1 || missing+=(docker.io)
    command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap)
    if [[ ${#missing[@]} -gt 0 ]]; then
        say "installing ${missing[*]}"
        DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends docker.io debootstrap
    fi
}

engine_answers() { docker info >/dev/null 2>&1; }

pid_alive() { [[ -f "$PIDFILE" ]] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; }

start_dockerd() {
    if pid_alive; then
        say "dockerd $(cat "$PIDFILE") is starting; waiting for it"
        return
    fi
    say "starting dockerd (log: $LOGFILE, pid file: $PIDFILE)"
    # No iptables rules, no bridge, no ip_forward change: declean's containers use network_mode=none.
    setsid dockerd --iptables=false --ip-forward=false --bridge=none >>"$LOGFILE" 2>&1 </dev/null &
    echo $! >"$PIDFILE"
}

wait_for_engine() {
    local waited=0
    until engine_answers; do
        if [[ -f "$PIDFILE" ]] && ! pid_alive; then
            say "dockerd exited; last lines of $LOGFILE:"
            tail -n 20 "$LOGFILE" >&2 || true
            exit 1
        fi
        if ((waited >= WAIT_SECONDS)); then
            say "docker info did not answer within ${WAIT_SECONDS}s; see $LOGFILE"
            exit 1
        fi
        sleep 1
        waited=$((waited + 1))
    done
    say "engine answers ($(docker version --format '{{.Server.Version}}' 2>/dev/null || echo unknown))"
}

build_image() {
    if docker image inspect "$IMAGE" >/dev/null 2>&1; then
        say "image $IMAGE present"
        return
    fi
    say "building image $IMAGE (debootstrap, about a minute)"
    local args=(--tag "$IMAGE")
    if [[ -n "${DECLEAN_MIRROR:-}" ]]; then
        args+=(--mirror "$DECLEAN_MIRROR")
    fi
    PYTHONPATH="$REPO${PYTHONPATH:+:$PYTHONPATH}" "$PYTHON" -m declean.sandbox.image "${args[@]}"
}

install_packages
engine_answers || start_dockerd
wait_for_engine
build_image
