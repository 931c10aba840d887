#!/usr/bin/env bash
# Bring up a Label Studio server for the tests, for CI and developers. Idempotent; needs no root.
#
# Installs label-studio into a venv of its own, .ci/.label-studio-venv (its Django stack pins many packages,
# so it must not share declean's .venv; reinstalled only when the version differs), wipes the scratch data
# dir .ci/.label-studio-data and starts `label-studio start` in the background on 127.0.0.1 with SQLite, no
# browser and no calls home. The user and legacy API token of .ci/label-studio.env are made at start-up;
# source that file to get LABEL_STUDIO_URL and LABEL_STUDIO_API_KEY. Waits until GET /api/projects answers
# with the token. Stop it with .ci/label-studio-down.sh.
#
# Environment: LABEL_STUDIO_PORT (default 8080), PYTHON3 (default python3: makes the venv).
set -euo pipefail

CI_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
VERSION=1.23.2
VENV="$CI_DIR/.label-studio-venv"
DATA_DIR="$CI_DIR/.label-studio-data"
PIDFILE="$CI_DIR/.label-studio.pid"
LOGFILE="$CI_DIR/.label-studio.log"
PORT="${LABEL_STUDIO_PORT:-8080}"
PYTHON3="${PYTHON3:-python3}"
WAIT_SECONDS=180
# LABEL_STUDIO_URL, LABEL_STUDIO_API_KEY, LABEL_STUDIO_USERNAME, LABEL_STUDIO_PASSWORD.
# shellcheck source=label-studio.env
. "$CI_DIR/label-studio.env"

say() { echo "label-studio-up: $*" >&2; }

installed_version() {
    "$VENV/bin/python" -c 'import importlib.metadata as m; print(m.version("label-studio"))' 2>/dev/null || true
}

install_label_studio() {
    if [[ "$(installed_version)" == "$VERSION" ]]; then
        return
    fi
    [[ -x "$VENV/bin/python" ]] || "$PYTHON3" -m venv "$VENV"
    say "installing label-studio==$VERSION into $VENV (about 1 GB, a minute or two)"
    "$VENV/bin/pip" install -q "label-studio==$VERSION"
}

pid_alive() { [[ -f "$PIDFILE" ]] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; }

api_answers() {
    curl -fsS -m 5 -o /dev/null -H "Authorization: Token $LABEL_STUDIO_API_KEY" "$LABEL_STUDIO_URL/api/projects" \
        2>/dev/null
}

# Something accepts TCP connections on 127.0.0.1:$1.
port_taken() { timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }

start_server() {
    # Label Studio silently moves to the next free port when its own is taken, where nobody would find it.
    if port_taken "$PORT"; then
        say "port $PORT on 127.0.0.1 is taken by another program; set LABEL_STUDIO_PORT"
        exit 1
    fi
    # A fresh database each start: the user and token are only made when the user does not exist yet.
    rm -rf "$DATA_DIR"
    mkdir -p "$DATA_DIR"
    say "starting Label Studio $VERSION on 127.0.0.1:$PORT (log: $LOGFILE, pid file: $PIDFILE)"
    # setsid: its own process group, which label-studio-down.sh signals as a whole. The LABEL_STUDIO_ names
    # are read before the bare ones (SENTRY_DSN, ...), so nothing inherited overrides them. The organisation
    # made at start-up only accepts legacy tokens with ENABLE_LEGACY_API_TOKEN (personal access tokens, JWT,
    # are the default in 1.23). Empty Sentry DSNs, no analytics and no PyPI version check: no calls home.
    setsid env \
        LABEL_STUDIO_BASE_DATA_DIR="$DATA_DIR" \
        LABEL_STUDIO_DJANGO_DB=sqlite \
        LABEL_STUDIO_DATABASE_NAME="$DATA_DIR/label_studio.sqlite3" \
        LABEL_STUDIO_USER_TOKEN="$LABEL_STUDIO_API_KEY" \
        LABEL_STUDIO_ENABLE_LEGACY_API_TOKEN=true \
        LABEL_STUDIO_SENTRY_DSN= \
        LABEL_STUDIO_FRONTEND_SENTRY_DSN= \
        LABEL_STUDIO_COLLECT_ANALYTICS=false \
        LABEL_STUDIO_LATEST_VERSION_CHECK=false \
        "$VENV/bin/label-studio" start --no-browser --internal-host 127.0.0.1 --port "$PORT" \
        >"$LOGFILE" 2>&1 </dev/null &
    echo $! >"$PIDFILE"
}

wait_for_server() {
    local started=$SECONDS
    until api_answers; do
        if ! pid_alive; then
            say "Label Studio exited; last lines of $LOGFILE:"
            tail -n 30 "$LOGFILE" >&2 || true
            exit 1
        fi
        if ((SECONDS - started >= WAIT_SECONDS)); then
            say "GET $LABEL_STUDIO_URL/api/projects did not answer within ${WAIT_SECONDS}s; last lines of $LOGFILE:"
            tail -n 30 "$LOGFILE" >&2 || true
            exit 1
        fi
        sleep 1
    done
    say "Label Studio answers at $LABEL_STUDIO_URL after $((SECONDS - started))s; source .ci/label-studio.env"
}

install_label_studio
if pid_alive; then
    say "Label Studio $(cat "$PIDFILE") is already running; waiting for it"
else
    start_server
fi
wait_for_server
