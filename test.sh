#!/usr/bin/env bash
# The whole test suite with everything it needs, on a fresh Debian machine or a developer's:
#   ./test.sh [extra dotnet test arguments, e.g. --filter FullyQualifiedName~OnPostgreSql]
# 1. installs what is missing, from Debian packages (as root, or through sudo): Node.js and npm (the graphql-http
#    audit, the web client's build and its browser tests), chromium (the browser those tests drive, and the GraphiQL
#    IDE's test), fonts-dejavu-core (the career-track PDF), postgresql, redis-server and haproxy (the scale-out proxy);
# 2. starts a throwaway PostgreSQL cluster and a throwaway Redis on loopback ports, in a temporary folder, and
#    exports where they are (SKILLMATRIX_TEST_POSTGRES, SKILLMATRIX_TEST_REDIS);
# 3. runs `dotnet test SkillMatrix.sln` (its build builds the web client too), then the web client's browser tests
#    (web/, Playwright on chromium against the built Host; only when no extra arguments are given), then stops both
#    servers and removes the folder, whatever happened. Either suite failing fails the script.
# Plain `dotnet test` works too when those two variables name servers of your own.
set -euo pipefail
cd "$(dirname "$0")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
started_at=$(date +%s)

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else
    echo "test.sh: '$*' needs root (or sudo) to install what is missing" >&2; exit 1
  fi
}

apt_updated=
install_packages() {
  if [ -z "$apt_updated" ]; then as_root apt-get update -qq; apt_updated=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# --- 1. What the tests need besides the .NET SDK -------------------------------------------------------------------

missing=()
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
# (grep without -q: an early exit would break fc-list's pipe, and pipefail would read that as "not installed".)
if [ ! -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] && ! fc-list 2>/dev/null | grep -i 'DejaVu Sans' >/dev/null; then
  missing+=(fonts-dejavu-core)
fi
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v haproxy >/dev/null 2>&1 || [ -x /usr/sbin/haproxy ] || missing+=(haproxy)
# The web client's browser tests and the GraphiQL IDE's test drive Debian's chromium (Playwright downloads no browser here).
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  echo "test.sh: installing ${missing[*]}"
  install_packages "${missing[@]}"
fi

npm ci --prefix tools/graphql-http-audit --no-audit --no-fund --loglevel=error
# The subscription tests drive the Host with the npm graphql-ws client too.
npm ci --prefix tools/graphql-ws-client --no-audit --no-fund --loglevel=error

# --- 2. Throwaway servers ------------------------------------------------------------------------------------------

work=$(mktemp -d /tmp/skillmatrix-test.XXXXXX)
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
pg_data="$work/postgres"
redis_pid_file="$work/redis.pid"

# PostgreSQL refuses to run as root: the cluster belongs to the postgres user the Debian package creates.
as_cluster_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

stop_servers() {
  local status=$?
  if [ -f "$pg_data/postmaster.pid" ]; then
    as_cluster_owner "$pg_bin/pg_ctl" -D "$pg_data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  if [ -f "$redis_pid_file" ]; then
    kill "$(cat "$redis_pid_file")" 2>/dev/null || true
  fi
  rm -rf "$work"
  echo "test.sh: $(( ($(date +%s) - started_at) / 60 )) min $(( ($(date +%s) - started_at) % 60 )) s in all"
  exit $status
}
trap stop_servers EXIT
trap 'exit 130' INT TERM

# The first free loopback port from $1 on, so that two runs on one machine do not collide.
free_port() {
  local port=$1
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  echo "$port"
}

pg_port=$(free_port "${SKILLMATRIX_TEST_POSTGRES_PORT:-5433}")
if [ "$(id -u)" -eq 0 ]; then chown postgres "$work"; fi
as_cluster_owner "$pg_bin/initdb" -D "$pg_data" -U postgres -A trust -E UTF8 --no-sync >"$work/initdb.log" \
  || { cat "$work/initdb.log" >&2; exit 1; }
# Durability off: the cluster lives for one run. Connections: every test host has a pool of its own.
as_cluster_owner "$pg_bin/pg_ctl" -D "$pg_data" -l "$work/postgres.log" -w -t 60 start -o \
  "-p $pg_port -k $work -c listen_addresses=127.0.0.1 -c max_connections=500 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >/dev/null \
  || { cat "$work/postgres.log" >&2; exit 1; }
export SKILLMATRIX_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres"

redis_port=$(free_port "${SKILLMATRIX_TEST_REDIS_PORT:-6380}")
redis-server --bind 127.0.0.1 --port "$redis_port" --save '' --appendonly no --dir "$work" \
  --daemonize yes --pidfile "$redis_pid_file" --logfile "$work/redis.log"
for _ in $(seq 50); do [ -f "$redis_pid_file" ] && break; sleep 0.1; done
export SKILLMATRIX_TEST_REDIS="127.0.0.1:$redis_port"

echo "test.sh: PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$pg_port, Redis on $SKILLMATRIX_TEST_REDIS"

# --- 3. The suite ----------------------------------------------------------------------------------------------------

status=0
dotnet test SkillMatrix.sln --logger "console;verbosity=normal" "$@" || status=$?

# --- 4. The web client in a browser -------------------------------------------------------------------------------
# dotnet test built the Host and, through its build, the client (npm ci and npm run build in web/, when they changed).
# A run with arguments is a run of some .NET tests: the browser tests are left out, and the script says so.
if [ $# -gt 0 ]; then
  echo "test.sh: arguments given, so the web client's browser tests are not run (./test.sh alone runs them)"
else
  [ -d web/node_modules ] || npm ci --prefix web --no-audit --no-fund --loglevel=error
  (cd web && npx playwright test) || status=$?
fi
exit $status
