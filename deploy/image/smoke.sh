#!/usr/bin/env bash
# Starts one silo from the image deploy/image/build.sh built, on this machine's loopback (host network), checks that
# readiness turns 200 and that the image's own health check passes, then stops it with SIGTERM and checks it stopped
# gracefully. Not a CI test (building the image takes about 4 minutes on 2 cores); see deploy/RUNBOOK.md.
#
#   deploy/image/smoke.sh [--tag routing-server:dev] [--podman]
#
# By default the container runs under buildah's chroot isolation, which needs no container runtime privileges (on
# machines whose sandbox refuses setrlimit, as this project's CI machines do, `podman run` fails with
# "crun: setrlimit RLIMIT_NPROC: Operation not permitted"); --podman uses podman run instead.
set -euo pipefail

tag="routing-server:dev"
runner="buildah"
while (($#)); do
    case "$1" in
        --tag) tag="$2"; shift 2 ;;
        --podman) runner="podman"; shift ;;
        *) echo "unknown option '$1' (--tag, --podman)" >&2; exit 2 ;;
    esac
done

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
edge_port="$(free_port)"
key="$(head -c 48 /dev/urandom | base64 | tr -d '\n/+=')"
settings=(
    -e "Kestrel__Endpoints__Http__Url=http://127.0.0.1:$edge_port"
    -e "Routing__Silo__SiloPort=$(free_port)"
    -e "Routing__Silo__GatewayPort=$(free_port)"
    -e "Routing__Edge__Auth__SigningKey=$key"
)
log="$(mktemp /tmp/routing-smoke.XXXXXX.log)"
container=""
cleanup() {
    if [[ "$runner" == buildah && -n "$container" ]]; then
        buildah rm "$container" >/dev/null 2>&1 || true
    elif [[ "$runner" == podman ]]; then
        podman rm -f routing-smoke >/dev/null 2>&1 || true
    fi
}
trap cleanup EXIT

started=$SECONDS
if [[ "$runner" == buildah ]]; then
    container="$(buildah from "$tag")"
    buildah run --isolation chroot --network host "${settings[@]}" "$container" -- dotnet /app/Routing.Server.dll >"$log" 2>&1 &
else
    podman run -d --name routing-smoke --network host --no-healthcheck "${settings[@]}" "$tag" >/dev/null
fi

ready=""
for _ in $(seq 1 120); do
    if curl --fail --silent --http2-prior-knowledge --max-time 2 "http://127.0.0.1:$edge_port/readyz" >/dev/null; then
        ready=yes
        break
    fi
    sleep 1
done
[[ -n "$ready" ]] || { echo "FAIL: not ready within 120 s"; cat "$log"; exit 1; }
echo "ready after $((SECONDS - started)) s on http://127.0.0.1:$edge_port"

# The image's HEALTHCHECK command, run inside the image.
if [[ "$runner" == buildah ]]; then
    buildah run --isolation chroot --network host "$container" -- \
        curl --fail --silent --http2-prior-knowledge --max-time 4 "http://127.0.0.1:$edge_port/readyz" >/dev/null
    pid="$(pgrep -f '^(/usr/bin/)?dotnet /app/Routing.Server.dll' | head -1)"
    echo "health check inside the image passed; the server runs as uid $(ps -o uid= -p "$pid" | tr -d ' ')"
    kill -TERM "$pid"
    for _ in $(seq 1 60); do
        ps -p "$pid" >/dev/null || break
        sleep 1
    done
    ps -p "$pid" >/dev/null && { echo "FAIL: still running 60 s after SIGTERM"; exit 1; }
    grep -q "Application is shutting down" "$log" || { echo "FAIL: no graceful shutdown"; cat "$log"; exit 1; }
else
    podman stop --time 60 routing-smoke >/dev/null
fi
echo "stopped gracefully on SIGTERM; log: $log"
