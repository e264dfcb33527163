#!/usr/bin/env bash
# The scale-out topology on loopback: PostgreSQL, Redis, two Host replicas and HAProxy in front of them.
#   scripts/scale-out.sh start            publishes the Host (once), starts everything, waits until the proxy answers
#   scripts/scale-out.sh stop             stops everything it started and removes its folder
#   scripts/scale-out.sh status           what runs, and where
#   scripts/scale-out.sh replica N        starts replica N (1 or 2) again, e.g. after it was killed
# Settings (environment), all optional:
#   SCALE_OUT_DIR       its folder (pids, logs, data, config), default /tmp/skillmatrix-scale-out
#   SCALE_OUT_HOST      a folder holding a built SkillMatrix.Host.dll; default: dotnet publish src/Host into the folder
#   SCALE_OUT_POSTGRES  an existing database's connection string; default: a throwaway cluster of its own (Debian's postgresql)
#   SCALE_OUT_REDIS     an existing Redis (host:port); default: a throwaway redis-server of its own
#   SCALE_OUT_PORT      the proxy's port, default 5100; the replicas listen on the next two
# The replicas run in Development unless ASPNETCORE_ENVIRONMENT says otherwise (local sign-in: the `token` verb's tokens
# work); any other setting (Auth__SigningKey, GraphQL__RateLimit__PointsPerMinute, ...) is passed on from the environment.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
dir=${SCALE_OUT_DIR:-/tmp/skillmatrix-scale-out}
proxy_port=${SCALE_OUT_PORT:-5100}
# HAProxy connects to the replicas from this address, the only one they take X-Forwarded-For from: on loopback every
# process would otherwise share 127.0.0.1 with the proxy.
proxy_source=127.0.0.3

replica_port() { echo $((proxy_port + $1)); }

as_cluster_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

wait_for() { # url seconds
  for _ in $(seq $(($2 * 5))); do curl -fs -o /dev/null "$1" && return 0; sleep 0.2; done
  return 1
}

start_replica() {
  local n=$1 host_dir connection
  host_dir=$(cat "$dir/host-dir")
  connection="$(cat "$dir/postgres-connection");Application Name=skillmatrix-replica-$n"
  (
    cd "$dir"
    export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development}
    export Database__Provider=PostgreSQL ConnectionStrings__SkillMatrix="$connection"
    export Redis__Configuration="$(cat "$dir/redis-address")"
    export ForwardedHeaders__KnownProxies="$proxy_source" Replica__Name="replica-$n"
    exec dotnet "$host_dir/SkillMatrix.Host.dll" --urls "http://127.0.0.1:$(replica_port "$n")" >>"$dir/replica-$n.log" 2>&1
  ) &
  echo $! >"$dir/replica-$n.pid"
  wait_for "http://127.0.0.1:$(replica_port "$n")/health/ready" 120 \
    || { echo "scale-out: replica $n did not become ready; see $dir/replica-$n.log" >&2; tail -n 20 "$dir/replica-$n.log" >&2; return 1; }
  echo "scale-out: replica $n on http://127.0.0.1:$(replica_port "$n") (pid $(cat "$dir/replica-$n.pid"))"
}

start() {
  if [ -f "$dir/haproxy.pid" ]; then echo "scale-out: already running in $dir (stop it first)" >&2; exit 1; fi
  # Debian puts it in /usr/sbin, which a user's PATH may lack.
  haproxy_bin=$(command -v haproxy || echo /usr/sbin/haproxy)
  [ -x "$haproxy_bin" ] || { echo "scale-out: needs haproxy (apt-get install haproxy)" >&2; exit 1; }
  mkdir -p "$dir"

  # The Host, published once.
  if [ -n "${SCALE_OUT_HOST:-}" ]; then echo "$SCALE_OUT_HOST" >"$dir/host-dir"; else
    [ -f "$dir/host/SkillMatrix.Host.dll" ] || dotnet publish "$repo/src/Host" -c Release -o "$dir/host" -v q --nologo
    echo "$dir/host" >"$dir/host-dir"
  fi

  # PostgreSQL: the given database, or a throwaway cluster (it refuses to run as root: the postgres user runs it).
  if [ -n "${SCALE_OUT_POSTGRES:-}" ]; then echo "$SCALE_OUT_POSTGRES" >"$dir/postgres-connection"; else
    local pg_bin pg_port=$((proxy_port + 10))
    pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    if [ "$(id -u)" -eq 0 ]; then chown postgres "$dir"; fi
    as_cluster_owner "$pg_bin/initdb" -D "$dir/postgres" -U postgres -A trust -E UTF8 >"$dir/initdb.log"
    as_cluster_owner "$pg_bin/pg_ctl" -D "$dir/postgres" -l "$dir/postgres.log" -w -t 60 start \
      -o "-p $pg_port -k $dir -c listen_addresses=127.0.0.1" >/dev/null
    as_cluster_owner "$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres skillmatrix
    echo "Host=127.0.0.1;Port=$pg_port;Database=skillmatrix;Username=postgres" >"$dir/postgres-connection"
  fi

  # Redis: the given one, or a throwaway server.
  if [ -n "${SCALE_OUT_REDIS:-}" ]; then echo "$SCALE_OUT_REDIS" >"$dir/redis-address"; else
    local redis_port=$((proxy_port + 11))
    redis-server --bind 127.0.0.1 --port "$redis_port" --save '' --appendonly no --dir "$dir" \
      --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log"
    echo "127.0.0.1:$redis_port" >"$dir/redis-address"
  fi

  # The first replica migrates and seeds (the others would wait on the start-up lock anyway).
  start_replica 1
  start_replica 2

  # Round robin; a replica that fails its liveness check twice (1 s apart) is out until it passes once. Liveness, not
  # readiness: readiness fails for what both replicas share (PostgreSQL, Redis), and taking both out would make a Redis
  # outage, which the rate limit survives by failing open, an outage of the API. A request
  # whose connection to a replica fails is sent to the other (redispatch): it never reached the dead one. A request
  # that reached a replica is not sent again: a mutation might have committed.
  cat >"$dir/haproxy.cfg" <<CFG
global
    pidfile $dir/haproxy.pid
    log stdout format raw local0 info
defaults
    mode http
    log global
    option httplog
    option forwardfor
    option redispatch
    retries 3
    timeout connect 2s
    timeout client 30s
    timeout server 30s
    # A subscription's WebSocket, once upgraded, is a tunnel: an hour, not the 30 s a request gets.
    timeout tunnel 1h
frontend graphql
    bind 127.0.0.1:$proxy_port
    default_backend replicas
backend replicas
    balance roundrobin
    source $proxy_source
    option httpchk GET /health/live
    default-server inter 1s fall 2 rise 1
    server replica-1 127.0.0.1:$(replica_port 1) check
    server replica-2 127.0.0.1:$(replica_port 2) check
CFG
  "$haproxy_bin" -f "$dir/haproxy.cfg" -D -q
  wait_for "http://127.0.0.1:$proxy_port/health/ready" 30 || { echo "scale-out: the proxy does not answer" >&2; exit 1; }
  echo "scale-out: proxy on http://127.0.0.1:$proxy_port/graphql, PostgreSQL $(cat "$dir/postgres-connection" | sed 's/;Password=[^;]*//'), Redis $(cat "$dir/redis-address")"
}

stop() {
  [ -d "$dir" ] || return 0
  for pid_file in "$dir/haproxy.pid" "$dir/replica-1.pid" "$dir/replica-2.pid"; do
    if [ -f "$pid_file" ]; then kill "$(cat "$pid_file")" 2>/dev/null || true; fi
  done
  for n in 1 2; do
    if [ -f "$dir/replica-$n.pid" ]; then
      for _ in $(seq 50); do kill -0 "$(cat "$dir/replica-$n.pid")" 2>/dev/null || break; sleep 0.2; done
    fi
  done
  if [ -f "$dir/redis.pid" ]; then kill "$(cat "$dir/redis.pid")" 2>/dev/null || true; fi
  if [ -f "$dir/postgres/postmaster.pid" ]; then
    as_cluster_owner "$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)/pg_ctl" -D "$dir/postgres" -m fast -w stop >/dev/null || true
  fi
  rm -rf "$dir"
  echo "scale-out: stopped"
}

status() {
  for n in 1 2; do
    if [ -f "$dir/replica-$n.pid" ] && kill -0 "$(cat "$dir/replica-$n.pid")" 2>/dev/null; then
      echo "replica $n: running, pid $(cat "$dir/replica-$n.pid"), http://127.0.0.1:$(replica_port "$n")"
    else echo "replica $n: not running"; fi
  done
  if [ -f "$dir/haproxy.pid" ]; then echo "proxy: http://127.0.0.1:$proxy_port (pid $(cat "$dir/haproxy.pid"))"; else echo "proxy: not running"; fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  replica) [[ "${2:-}" =~ ^[12]$ ]] || { echo "usage: $0 replica 1|2" >&2; exit 2; }; start_replica "$2" ;;
  *) echo "usage: $0 start|stop|status|replica N" >&2; exit 2 ;;
esac
