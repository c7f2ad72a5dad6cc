#!/usr/bin/env bash
# `npm start`: installs the real VS Code if needed (scripts/vscode/install.sh, into a folder
# outside the clone), builds the extension, and serves it in code-server on a sample workspace.
# Prints the URL to open; Ctrl+C stops everything it started.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/vscode/install.sh
node esbuild.mjs
exec node scripts/vscode/serve.mjs
