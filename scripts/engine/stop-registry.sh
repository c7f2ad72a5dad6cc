#!/usr/bin/env bash
# Stops the registry that registry.sh started. Idempotent; keeps the package and the pushed images.
set -uo pipefail
say() { echo "[engine/stop-registry] $*"; }
# shellcheck source=daemon.sh
source "$(dirname "${BASH_SOURCE[0]}")/daemon.sh"
stop_pidfile "${REGISTRY_STATE:-/var/tmp/dockerfile-studio-registry}/registry.pid" "${STOP_TIMEOUT:-15}" docker-registry
say "stopped"
