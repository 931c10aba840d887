#!/usr/bin/env bash
# Stop the PostgreSQL cluster that .ci/postgres-up.sh started, by its state file, and remove the URL file
# so the tests skip instead of failing to connect. Idempotent; leaves clusters it did not start alone.
set -euo pipefail

URL_FILE="${DECLEAN_POSTGRES_URL_FILE:-/tmp/declean-postgres.url}"
STATE_FILE="${DECLEAN_POSTGRES_STATE:-/tmp/declean-postgres.cluster}"
export PATH="$PATH:/usr/sbin:/sbin"

say() { echo "postgres-down: $*" >&2; }

rm -f "$URL_FILE"
if [[ ! -f "$STATE_FILE" ]]; then
    say "no state file $STATE_FILE; nothing to stop"
    exit 0
fi
read -r version name <"$STATE_FILE" || true
if [[ -z "${version:-}" || -z "${name:-}" ]]; then
    say "state file $STATE_FILE names no cluster; removing it"
    rm -f "$STATE_FILE"
    exit 0
fi
if ! pg_ctlcluster "$version" "$name" status >/dev/null 2>&1; then
    say "cluster $version/$name is not running"
else
    say "stopping cluster $version/$name"
    pg_ctlcluster "$version" "$name" stop || say "pg_ctlcluster $version $name stop failed; ignoring"
fi
rm -f "$STATE_FILE"
say "stopped"
