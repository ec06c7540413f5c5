#!/usr/bin/env bash
# Builds the routing server's container image without any container registry: a Debian root filesystem from Debian's
# own package archive (mmdebstrap), the .NET runtime of this machine's SDK, and the published server, assembled with
# buildah. The result matches deploy/Dockerfile (same paths, user, environment, entry point and health check).
#
#   deploy/image/build.sh [--tag routing-server:dev] [--archive out.tar] [--suite bookworm] [--mirror URL]
#
# Needs root (or a working rootless buildah), buildah, mmdebstrap and the .NET SDK:
#   apt-get install -y buildah mmdebstrap podman
# --archive also writes the image as a docker archive (docker load / podman load -i out.tar; skopeo copy to push it).
set -euo pipefail
# Docker image format: OCI images have no HEALTHCHECK.
export BUILDAH_FORMAT=docker

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
tag="routing-server:dev"
archive=""
suite="bookworm"
mirror=""
while (($#)); do
    case "$1" in
        --tag) tag="$2"; shift 2 ;;
        --archive) archive="$2"; shift 2 ;;
        --suite) suite="$2"; shift 2 ;;
        --mirror) mirror="$2"; shift 2 ;;
        *) echo "unknown option '$1' (--tag, --archive, --suite, --mirror)" >&2; exit 2 ;;
    esac
done

for tool in buildah mmdebstrap dotnet; do
    command -v "$tool" >/dev/null || { echo "$tool is missing (apt-get install -y buildah mmdebstrap podman; the .NET 10 SDK)" >&2; exit 1; }
done
# The archive apt uses here, unless given.
if [[ -z "$mirror" ]]; then
    mirror="$(grep -hoE '^URIs: *[^ ]+/debian$' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -1 | awk '{print $2}')"
    mirror="${mirror:-http://deb.debian.org/debian}"
fi

work="$(mktemp -d /tmp/routing-image.XXXXXX)"
container=""
cleanup() {
    [[ -n "$container" ]] && buildah rm "$container" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

echo "== publishing the server (Release)"
dotnet publish "$repo_root/src/Routing.Server" -c Release -o "$work/app" --nologo -v quiet
# The development settings never go into the image: Production refuses the development key anyway.
rm -f "$work/app/appsettings.Development.json"

dotnet_root="$(dirname "$(readlink -f "$(command -v dotnet)")")"
runtime_version="$(ls "$dotnet_root/shared/Microsoft.AspNetCore.App" | sort -V | tail -1)"
netcore_version="$(ls "$dotnet_root/shared/Microsoft.NETCore.App" | sort -V | tail -1)"
mkdir -p "$work/dotnet/shared"
cp -a "$dotnet_root/dotnet" "$dotnet_root/host" "$work/dotnet/"
cp -a "$dotnet_root/shared/Microsoft.NETCore.App" "$dotnet_root/shared/Microsoft.AspNetCore.App" "$work/dotnet/shared/"
echo "== .NET runtime $netcore_version / ASP.NET Core $runtime_version from $dotnet_root"

echo "== Debian $suite root filesystem from $mirror, with the runtime and the app"
# What the .NET runtime needs (ICU for globalization, OpenSSL, time zones, CA certificates for OIDC authorities), and
# curl for the health check. The hooks run outside any container (no container runtime needed): they add the user
# (uid 1654, "app", as Microsoft's .NET images do), the runtime under /usr/share/dotnet and the app under /app.
mmdebstrap --variant=minbase --quiet \
    --include=ca-certificates,curl,libicu72,libssl3,tzdata,libgcc-s1,libstdc++6,zlib1g \
    --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-exclude=/usr/share/man/*' \
    --customize-hook='chroot "$1" groupadd --gid 1654 app' \
    --customize-hook='chroot "$1" useradd --no-log-init --uid 1654 --gid app --home-dir /app --no-create-home --shell /usr/sbin/nologin app' \
    --customize-hook="mkdir -p \"\$1/usr/share/dotnet\" && cp -a '$work/dotnet/.' \"\$1/usr/share/dotnet/\" && ln -s /usr/share/dotnet/dotnet \"\$1/usr/bin/dotnet\"" \
    --customize-hook="cp -a '$work/app' \"\$1/app\" && chown -R 0:0 \"\$1/app\" && mkdir -p \"\$1/app/data\" && chown 1654:1654 \"\$1/app/data\"" \
    --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/*' \
    "$suite" "$work/rootfs.tar" "$mirror"

container="$(buildah from scratch)"
buildah add --quiet "$container" "$work/rootfs.tar" /

# The same settings as deploy/Dockerfile; image-env.txt is the one list both read.
env_args=()
while IFS= read -r line; do
    [[ -z "$line" || "$line" == \#* ]] && continue
    env_args+=(--env "$line")
done < "$repo_root/deploy/image/image-env.txt"
buildah config \
    "${env_args[@]}" \
    --user 1654:1654 \
    --workingdir /app \
    --port 8080 --port 9464 --port 11111 --port 30000 \
    --entrypoint '["dotnet", "/app/Routing.Server.dll"]' \
    --cmd '' \
    --label org.opencontainers.image.title=routing-server \
    --healthcheck 'CMD ["curl", "--fail", "--silent", "--http2-prior-knowledge", "--max-time", "4", "http://127.0.0.1:8080/readyz"]' \
    --healthcheck-interval 10s --healthcheck-timeout 5s --healthcheck-start-period 60s --healthcheck-retries 3 \
    "$container"
buildah commit --quiet --format docker "$container" "$tag"
echo "== built $tag"
if [[ -n "$archive" ]]; then
    buildah push --quiet "$tag" "docker-archive:$archive:$tag"
    echo "== wrote $archive"
fi
