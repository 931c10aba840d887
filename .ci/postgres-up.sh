#!/usr/bin/env bash
# Bring up a PostgreSQL server for the tests, for CI and developers. Run as root (or as postgres once the
# packages are installed); idempotent.
#
# Installs Debian's postgresql when pg_ctlcluster is missing (assumes `apt-get update` was done), uses
# the first cluster pg_lsclusters lists (creating one with pg_createcluster when there is none), and,
# when it is down, configures it to listen only on 127.0.0.1 on port 5432 (or the first free port after
# it when 5432 is taken) and starts it with pg_ctlcluster (no systemd needed). Then it waits for
# pg_isready, makes role `declean` (password `declean`) and database `declean` owned by it, prints the
# URL and writes it to the URL file, which the tests' `postgres_url` fixture reads. A cluster that was
# already running is used as it is and left running by .ci/postgres-down.sh.
#
# Environment: DECLEAN_POSTGRES_PORT (default 5432), DECLEAN_POSTGRES_URL_FILE (default
# /tmp/declean-postgres.url), DECLEAN_POSTGRES_STATE (default /tmp/declean-postgres.cluster: the
# "version name" of the cluster this script started, for postgres-down.sh).
set -euo pipefail

PORT_WANTED="${DECLEAN_POSTGRES_PORT:-5432}"
URL_FILE="${DECLEAN_POSTGRES_URL_FILE:-/tmp/declean-postgres.url}"
STATE_FILE="${DECLEAN_POSTGRES_STATE:-/tmp/declean-postgres.cluster}"
ROLE=declean
PASSWORD=declean
DATABASE=declean
WAIT_SECONDS=60
export PATH="$PATH:/usr/sbin:/sbin"

say() { echo "postgres-up: $*" >&2; }
die() {
    say "$*"
    exit 1
}

# Run a command as the postgres superuser (peer authentication over the Unix socket).
as_postgres() {
    if [[ "$(id -u)" -eq 0 ]]; then
        runuser -u postgres -- "$@"
    elif [[ "$(id -un)" == postgres ]]; then
        "$@"
    else
        die "must run as root or as postgres"
    fi
}

install_packages() {
    if command -v pg_ctlcluster >/dev/null 2>&1; then
        return
    fi
    [[ "$(id -u)" -eq 0 ]] || die "pg_ctlcluster is missing and installing postgresql needs root"
    say "installing postgresql"
    DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql
}

# Print "version name" of the cluster to use, creating one when there is none.
pick_cluster() {
    local line
    line="$(pg_lsclusters -h | head -n 1)"
    if [[ -z "$line" ]]; then
        local version
        version="$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' 2>/dev/null | sort -n | tail -n 1)"
        [[ -n "$version" ]] || die "no PostgreSQL server binaries under /usr/lib/postgresql"
        say "no cluster; creating $version/main"
        pg_createcluster "$version" main >&2
        line="$(pg_lsclusters -h | head -n 1)"
        [[ -n "$line" ]] || die "pg_createcluster $version main made no cluster"
    fi
    awk '{print $1, $2}' <<<"$line"
}

cluster_running() { pg_ctlcluster "$VERSION" "$NAME" status >/dev/null 2>&1; }

# Something accepts TCP connections on 127.0.0.1:$1.
port_taken() { timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }

choose_port() {
    local port="$PORT_WANTED"
    while port_taken "$port"; do
        ((port < PORT_WANTED + 100)) || die "ports $PORT_WANTED..$port are all taken on 127.0.0.1"
        port=$((port + 1))
    done
    [[ "$port" == "$PORT_WANTED" ]] || say "port $PORT_WANTED is taken; using $port"
    echo "$port"
}

start_cluster() {
    local port log
    port="$(choose_port)"
    log="/var/log/postgresql/postgresql-$VERSION-$NAME.log"
    # A conf.d file (read after postgresql.conf) leaves the cluster's own configuration untouched.
    local conf="/etc/postgresql/$VERSION/$NAME/conf.d/declean.conf"
    mkdir -p "$(dirname "$conf")"
    printf "# Written by declean's .ci/postgres-up.sh\nlisten_addresses = '127.0.0.1'\nport = %s\n" "$port" >"$conf"
    [[ "$(id -u)" -ne 0 ]] || chown postgres:postgres "$conf"
    # The socket directory lives on /run, which nothing recreates without systemd.
    if [[ ! -d /var/run/postgresql && "$(id -u)" -eq 0 ]]; then
        install -d -o postgres -g postgres -m 2775 /var/run/postgresql
    fi
    say "starting cluster $VERSION/$NAME on 127.0.0.1:$port (log: $log)"
    if ! pg_ctlcluster "$VERSION" "$NAME" start; then
        say "pg_ctlcluster $VERSION $NAME start failed; last lines of $log:"
        tail -n 10 "$log" >&2 || true
        exit 1
    fi
    echo "$VERSION $NAME" >"$STATE_FILE"
}

wait_for_server() {
    local waited=0
    until pg_isready -q -h 127.0.0.1 -p "$PORT"; do
        if ((waited >= WAIT_SECONDS)); then
            say "pg_isready -h 127.0.0.1 -p $PORT did not succeed within ${WAIT_SECONDS}s; see" \
                "/var/log/postgresql/postgresql-$VERSION-$NAME.log"
            exit 1
        fi
        sleep 1
        waited=$((waited + 1))
    done
    say "server answers on 127.0.0.1:$PORT"
}

psql_admin() { as_postgres psql -X -q -v ON_ERROR_STOP=1 -p "$PORT" -d postgres "$@"; }

make_role_and_database() {
    # CREATEDB lets tests make throwaway databases of their own.
    psql_admin <<SQL
DO \$\$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$ROLE') THEN
        CREATE ROLE $ROLE LOGIN CREATEDB PASSWORD '$PASSWORD';
    ELSE
        ALTER ROLE $ROLE LOGIN CREATEDB PASSWORD '$PASSWORD';
    END IF;
END
\$\$;
SQL
    if [[ -z "$(psql_admin -tA -c "SELECT 1 FROM pg_database WHERE datname = '$DATABASE'")" ]]; then
        say "creating database $DATABASE"
        psql_admin -c "CREATE DATABASE $DATABASE OWNER $ROLE"
    else
        psql_admin -c "ALTER DATABASE $DATABASE OWNER TO $ROLE"
    fi
}

install_packages
CLUSTER="$(pick_cluster)"
read -r VERSION NAME <<<"$CLUSTER"
if cluster_running; then
    say "cluster $VERSION/$NAME is already running"
else
    start_cluster
fi
PORT="$(pg_lsclusters -h | awk -v v="$VERSION" -v n="$NAME" '$1 == v && $2 == n {print $3}')"
[[ -n "$PORT" ]] || die "pg_lsclusters shows no port for $VERSION/$NAME"
wait_for_server
make_role_and_database

URL="postgresql://$ROLE:$PASSWORD@127.0.0.1:$PORT/$DATABASE"
echo "$URL" >"$URL_FILE"
say "wrote $URL_FILE"
echo "$URL"
