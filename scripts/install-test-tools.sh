#!/usr/bin/env bash
# Installs the servers the test suites start themselves: Azurite into tools/, redis-server and PostgreSQL from Debian,
# sipp (Debian's sip-tester) that the SIP stack's tests send traffic with, and the deployment files' validator
# (kubernetes-models, the Compose schema) into deploy/k8s/validate. kamailio only on request: benchmarks/sip-options
# measures the gateway against it, no test needs it.
# Idempotent: a tool already at the pinned version is left alone. One function per tool.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools_dir="$repo_root/tools"

AZURITE_VERSION="3.37.0"

# Fails, naming $1, when npm is missing.
require_npm() {
    if ! command -v npm >/dev/null 2>&1; then
        echo "$1: npm is not on PATH (install Node.js, e.g. apt-get install nodejs npm)" >&2
        return 1
    fi
}

# Azurite (Azure Storage emulator) from npm into tools/node_modules.
install_azurite() {
    local installed="$tools_dir/node_modules/azurite/package.json"
    if [[ -x "$tools_dir/node_modules/.bin/azurite-table" && -f "$installed" ]] \
        && grep -q "\"version\": \"$AZURITE_VERSION\"" "$installed"; then
        echo "azurite $AZURITE_VERSION already installed"
        return 0
    fi
    require_npm install_azurite || return 1
    echo "installing azurite $AZURITE_VERSION into $tools_dir"
    npm install --prefix "$tools_dir" --save-exact --no-audit --no-fund "azurite@$AZURITE_VERSION"
}

# The deployment files' validator from npm, exactly as its package-lock.json pins it.
install_deploy_validator() {
    local validator="$repo_root/deploy/k8s/validate"
    local stamp="$validator/node_modules/.package-lock.json"
    if [[ -f "$stamp" && "$stamp" -nt "$validator/package-lock.json" ]]; then
        echo "deploy validator already installed"
        return 0
    fi
    require_npm install_deploy_validator || return 1
    echo "installing the deploy validator into $validator"
    npm ci --prefix "$validator" --no-audit --no-fund --loglevel=error
}

# Installs Debian package $1 with apt-get (through sudo when not root); $2 says what to install by hand elsewhere.
apt_install() {
    local package="$1" elsewhere="$2"
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "apt-get is not available; install $elsewhere with your package manager" >&2
        return 1
    fi
    echo "installing $package from Debian's packages"
    local sudo=""
    if [[ "$(id -u)" != "0" ]]; then
        sudo="sudo"
    fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$package" >/dev/null
}

# redis-server from Debian's packages (the cluster tests start their own instances of it).
install_redis() {
    if command -v redis-server >/dev/null 2>&1; then
        echo "redis-server already installed ($(redis-server --version | head -1))"
        return 0
    fi
    apt_install redis-server "redis-server (7.x)"
}

# PostgreSQL's server programs (initdb, pg_ctl, postgres) from Debian's packages, which put them in
# /usr/lib/postgresql/<version>/bin: the history store's tests start their own server on a free port.
install_postgresql() {
    local found
    found="$(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | head -1 || true)"
    if [[ -n "$found" ]]; then
        echo "postgresql already installed ($("$found" --version))"
        return 0
    fi
    apt_install postgresql "PostgreSQL (15 or later)"
}

# sipp from Debian's sip-tester package (the SIP tests run it against the stack on 127.0.0.1).
install_sipp() {
    if command -v sipp >/dev/null 2>&1; then
        echo "sipp already installed ($(command -v sipp))"
        return 0
    fi
    apt_install sip-tester "sipp (3.6 or later)"
}

# kamailio from Debian's packages, the SIP server benchmarks/sip-options compares the gateway with (its stateless
# sl_send_reply answering OPTIONS). Not part of the default set: no test starts it. Debian's package enables a
# system service; the benchmark runs its own instance with its own configuration on other ports.
install_kamailio() {
    if command -v kamailio >/dev/null 2>&1 || [[ -x /usr/sbin/kamailio ]]; then
        echo "kamailio already installed ($(/usr/sbin/kamailio -v 2>/dev/null | head -1 || command -v kamailio))"
        return 0
    fi
    apt_install kamailio "kamailio (5.6 or later)"
}

# With no argument every tool but kamailio; otherwise the named ones (azurite, redis, postgresql, sipp, deploy-validator, kamailio). Test assemblies running in
# parallel may call this at the same time: one installs while the others wait on the lock.
main() {
    mkdir -p "$tools_dir"
    exec 9>"$tools_dir/.install.lock"
    flock 9
    if (($# == 0)); then
        set -- azurite redis postgresql sipp deploy-validator
    fi
    for tool in "$@"; do
        case "$tool" in
            azurite) install_azurite ;;
            redis) install_redis ;;
            postgresql) install_postgresql ;;
            deploy-validator) install_deploy_validator ;;
            sipp) install_sipp ;;
            kamailio) install_kamailio ;;
            *) echo "unknown tool '$tool' (azurite, redis, postgresql, sipp, deploy-validator, kamailio)" >&2; return 2 ;;
        esac
    done
}

main "$@"
