#!/usr/bin/env bash
# Installs the servers the test suites start themselves, into repo-local folders.
# Idempotent: a tool already at the pinned version is left alone. One function per tool.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools_dir="$repo_root/tools"

AZURITE_VERSION="3.37.0"

# Azurite (Azure Storage emulator) from npm into tools/node_modules.
install_azurite() {
    local installed="$tools_dir/node_modules/azurite/package.json"
    if [[ -x "$tools_dir/node_modules/.bin/azurite-table" && -f "$installed" ]] \
        && grep -q "\"version\": \"$AZURITE_VERSION\"" "$installed"; then
        echo "azurite $AZURITE_VERSION already installed"
        return 0
    fi
    if ! command -v npm >/dev/null 2>&1; then
        echo "install_azurite: npm is not on PATH (install Node.js, e.g. apt-get install nodejs npm)" >&2
        return 1
    fi
    echo "installing azurite $AZURITE_VERSION into $tools_dir"
    npm install --prefix "$tools_dir" --save-exact --no-audit --no-fund "azurite@$AZURITE_VERSION"
}

main() {
    install_azurite
}

main "$@"
