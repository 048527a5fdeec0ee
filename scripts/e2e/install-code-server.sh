#!/usr/bin/env bash
# Installs a real VS Code (code-server, from the npm registry) into DIR for the end-to-end tests, offline.
# Usage: install-code-server.sh DIR      -> DIR/node_modules/.bin/code-server
# Idempotent: a no-op when DIR already holds a working pinned version. About 5 minutes from scratch.
# Based on ../shared/recipes/install-code-server.sh, fixed for npm 11 (dependency install scripts are blocked unless
# the project's package.json allows them) and for running as root (npm 11 no longer exports unsafe-perm).
set -euo pipefail
DIR=${1:?usage: install-code-server.sh DIR}
VERSION=4.100.3          # the newest code-server that runs on Node 20 (VS Code 1.100)
RIPGREP_PKG=1.15.11      # the @vscode/ripgrep version that this code-server's VS Code pins
RIPGREP_ASSET=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz

mkdir -p "$DIR"
DIR=$(cd "$DIR" && pwd)  # absolute: the script cds below
BIN="$DIR/node_modules/.bin/code-server"

# Working means: the pinned version, and the postinstall's VS Code dependencies are in place.
installed() {
  grep -q "\"version\": \"$VERSION\"" "$DIR/node_modules/code-server/package.json" 2>/dev/null &&
    [ -e "$DIR/node_modules/code-server/lib/vscode/node_modules.asar" ] &&
    [ -d "$DIR/node_modules/code-server/lib/vscode/extensions/node_modules" ] &&
    "$BIN" --version >/dev/null 2>&1
}
if installed; then echo "code-server $VERSION already in $DIR"; exit 0; fi

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# Native modules of VS Code build with these; ripgrep and Chromium come from Debian.
need=(libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config ripgrep chromium)
missing=()
for p in "${need[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# @vscode/ripgrep downloads rg from GitHub unless its cache already holds the asset: seed it with Debian's rg.
cache="$(node -p 'require("os").tmpdir()')/vscode-ripgrep-cache-$RIPGREP_PKG"
if [ ! -f "$cache/$RIPGREP_ASSET" ]; then
  mkdir -p "$cache"; tmp=$(mktemp -d); cp "$(command -v rg)" "$tmp/rg"
  tar czf "$cache/$RIPGREP_ASSET" -C "$tmp" rg; rm -rf "$tmp"
fi

cd "$DIR"
# npm 11 skips dependency install scripts not listed in allowScripts: without code-server's postinstall, VS Code's
# own node_modules never get installed. argon2 builds its native binding in its install script.
node -e '
  const fs = require("fs");
  const pkg = fs.existsSync("package.json") ? JSON.parse(fs.readFileSync("package.json", "utf8")) : { name: "e2e-code-server", private: true };
  pkg.allowScripts = { ...pkg.allowScripts, "code-server": true, argon2: true };
  fs.writeFileSync("package.json", JSON.stringify(pkg, null, 2) + "\n");'
# FORCE_NODE_VERSION: the postinstall checks the Node major. npm_config_yes: node-pty's postinstall runs npx.
# npm_config_unsafe_perm: the postinstall refuses to run as root without it, and npm 11 no longer sets it.
export FORCE_NODE_VERSION=20 npm_config_yes=true npm_config_unsafe_perm=true
if [ -d node_modules/code-server ]; then
  npm rebuild --no-audit --no-fund code-server argon2       # a half-done install: rerun the blocked scripts
else
  npm install --no-audit --no-fund --save-exact "code-server@$VERSION"
fi
installed || { echo "code-server in $DIR does not work; see the npm output above" >&2; exit 1; }
"$BIN" --version
