#!/usr/bin/env bash
# Stops the second engine that second.sh started (and the containerd it manages). Idempotent;
# keeps its data root, its bridge and the `studio-second` context.
set -uo pipefail
say() { echo "[engine/stop-second] $*"; }
[ "$(id -u)" = 0 ] || { say "must run as root" >&2; exit 1; }
# shellcheck source=daemon.sh
source "$(dirname "${BASH_SOURCE[0]}")/daemon.sh"
containerd_pidfile=/var/run/docker-second/containerd/containerd.pid
keep=$(mktemp); [ -f "$containerd_pidfile" ] && cp "$containerd_pidfile" "$keep"
stop_pidfile /var/run/docker-second.pid "${STOP_TIMEOUT:-30}" dockerd
stop_containerd "$keep"; rm -f "$keep"
say "stopped"
