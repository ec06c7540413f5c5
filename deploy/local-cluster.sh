#!/usr/bin/env bash
# Starts N silo processes of one cluster on 127.0.0.1, each serving the gRPC edge on its own port, and
# stops them again.
#
#   deploy/local-cluster.sh start [N] [--redis]   # default 3: edges on :5080, :5081, :5082
#   deploy/local-cluster.sh stop
#
# Without --redis: localhost clustering and in-memory state; silos 1..N-1 join silo 0, which must stay
# up (it keeps the membership). With --redis: Redis clustering, grain state and reminders in a
# redis-server this script starts on 127.0.0.1:6380 (append-only file in .cluster/redis, fsync every
# second), so any silo may stop or crash and the rest carry on. Set REDIS=host:port to use a running
# Redis instead. Silo i (0-based) listens on edge port 5080+i, silo port 11111+i, gateway port 30000+i.
# The silos run in the Development environment (development key, reflection, gRPC-Web), as this is a
# cluster for trying things on one machine. Logs and process ids go to .cluster/ in the repository. Point clients at every edge:
#   routing --server http://127.0.0.1:5080 --server http://127.0.0.1:5081 --server http://127.0.0.1:5082 watch
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
state="$root/.cluster"
server="$root/src/Routing.Server/bin/Release/net10.0/Routing.Server.dll"

start() {
  local count="${1:-3}" redis="${2:-}"
  if [[ ! "$count" =~ ^[1-9][0-9]?$ ]]; then
    echo "usage: $0 start [number of silos, 1-99]" >&2
    exit 2
  fi
  if compgen -G "$state/*.pid" > /dev/null; then
    echo "a local cluster is already running (pids in $state); run '$0 stop' first" >&2
    exit 1
  fi
  mkdir -p "$state"
  local cluster=()
  if [[ "$redis" == "--redis" ]]; then
    # Declared apart: "local x=$(...)" would hide a failing start_redis behind local's own exit status.
    local address
    address="${REDIS:-$(start_redis)}"
    cluster=(
      "--Routing:Cluster:Clustering=Redis"
      "--Routing:Cluster:Storage=Redis"
      "--Routing:Cluster:RedisConnectionString=$address"
    )
    echo "redis: $address"
  elif [[ -n "$redis" ]]; then
    echo "usage: $0 start [N] [--redis]" >&2
    exit 2
  fi
  dotnet build "$root/src/Routing.Server" -c Release --nologo -v quiet > "$state/build.log" 2>&1 \
    || { echo "build failed: see $state/build.log" >&2; exit 1; }
  for ((i = 0; i < count; i++)); do
    # Development: the CLI's default token (the published development key) works against it.
    local args=(
      "--environment" "Development"
      "--Kestrel:Endpoints:Http:Url=http://127.0.0.1:$((5080 + i))"
      "--Routing:Silo:SiloPort=$((11111 + i))"
      "--Routing:Silo:GatewayPort=$((30000 + i))"
      "--Telemetry:Prometheus:Port=$((9464 + i))"
    )
    if ((i > 0)) && ((${#cluster[@]} == 0)); then
      args+=("--Routing:Silo:PrimarySiloPort=11111")
    fi
    args+=("${cluster[@]}")
    nohup dotnet "$server" "${args[@]}" > "$state/silo-$i.log" 2>&1 &
    echo $! > "$state/silo-$i.pid"
    wait_healthy $((5080 + i)) "$state/silo-$i.log"
    echo "silo $i: edge http://127.0.0.1:$((5080 + i)) (pid $(cat "$state/silo-$i.pid"), log $state/silo-$i.log)"
  done
}

# Starts redis-server on 127.0.0.1:6380 with append-only persistence; prints its address.
start_redis() {
  command -v redis-server > /dev/null || { echo "redis-server is not installed: run scripts/install-test-tools.sh" >&2; exit 1; }
  mkdir -p "$state/redis"
  redis-server --bind 127.0.0.1 --port 6380 --dir "$state/redis" --appendonly yes --appendfsync everysec \
    --save "" --daemonize yes --pidfile "$state/redis.pid.tmp" --logfile "$state/redis.log" > /dev/null
  for _ in $(seq 1 40); do
    if redis-cli -p 6380 ping 2> /dev/null | grep -q PONG; then
      mv "$state/redis.pid.tmp" "$state/redis.pid.last"
      echo "127.0.0.1:6380"
      return 0
    fi
    sleep 0.25
  done
  echo "redis-server did not start; see $state/redis.log" >&2
  exit 1
}

# Waits until the edge on port $1 answers /healthz (HTTP/2 without TLS), up to 60 s.
wait_healthy() {
  for _ in $(seq 1 120); do
    if curl -sf --http2-prior-knowledge "http://127.0.0.1:$1/healthz" > /dev/null 2>&1; then
      return 0
    fi
    sleep 0.5
  done
  echo "the silo on port $1 did not become healthy; see $2" >&2
  stop
  exit 1
}

stop() {
  shopt -s nullglob
  local pids=("$state"/*.pid)
  # Joiners first, the first silo last: it holds the membership.
  for ((n = ${#pids[@]} - 1; n >= 0; n--)); do
    local pid
    pid="$(cat "${pids[$n]}")"
    if kill -0 "$pid" 2> /dev/null; then
      kill -TERM "$pid"
      for _ in $(seq 1 60); do kill -0 "$pid" 2> /dev/null || break; sleep 0.5; done
    fi
    rm -f "${pids[$n]}"
  done
  if [[ -f "$state/redis.pid.last" ]]; then
    kill -TERM "$(cat "$state/redis.pid.last")" 2> /dev/null || true
    rm -f "$state/redis.pid.last"
  fi
  echo "local cluster stopped"
}

case "${1:-}" in
  start) start "${2:-3}" "${3:-}" ;;
  stop) stop ;;
  *) echo "usage: $0 start [N] | stop" >&2; exit 2 ;;
esac
