#!/usr/bin/env bash
# Stops the current engine that setup-current.sh started (and the containerd it manages).
# Idempotent; keeps the extracted binaries, the data root and the bridge.
set -uo pipefail
say() { echo "[engine/stop-current] $*"; }
[ "$(id -u)" = 0 ] || { say "must run as root" >&2; exit 1; }
# shellcheck source=daemon.sh
source "$(dirname "${BASH_SOURCE[0]}")/daemon.sh"
stop_pidfile /var/run/docker-current.pid "${STOP_TIMEOUT:-30}" dockerd
say "stopped"
