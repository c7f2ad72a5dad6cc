#!/usr/bin/env bash
# Integration tests against real components: a Docker engine and a real VS Code (code-server in
# Chromium). Each setup script installs and starts its component idempotently; with CI=true a
# component that cannot be installed or started fails the run instead of being skipped.
set -euo pipefail
cd "$(dirname "$0")/.."

node esbuild.mjs

# Real Docker engines: install/start, then the tests under test/docker (node:test).
bash scripts/engine/setup.sh
# The current engine (BuildKit 0.25's `docker build --check`) beside it, for the differential test.
bash scripts/engine/setup-current.sh
# A second engine behind the studio-second context (a non-default engine, as users pick one), and a
# registry on 127.0.0.1:5000 for base images pulled by digest.
bash scripts/engine/second.sh
bash scripts/engine/registry.sh
node scripts/test.mjs --quick test/docker

# Real VS Code: install/start code-server + Chromium, then the extension-host suite and UI tests.
bash scripts/vscode/setup.sh
node test/vscode/run.mjs
