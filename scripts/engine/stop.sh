#!/usr/bin/env bash
# Stops the dockerd that setup.sh started, and the containerd it manages. Idempotent; keeps the
# packages, images and data root.
set -uo pipefail
say() { echo "[engine/stop] $*"; }
[ "$(id -u)" = 0 ] || { say "must run as root" >&2; exit 1; }
# shellcheck source=daemon.sh
source "$(dirname "${BASH_SOURCE[0]}")/daemon.sh"
containerd_pidfile=/var/run/docker/containerd/containerd.pid
# The containerd's pid is read before dockerd goes: dockerd removes the file when it stops.
keep=$(mktemp); [ -f "$containerd_pidfile" ] && cp "$containerd_pidfile" "$keep"
# dockerd stops its containers within shutdown-timeout, then its containerd.
stop_pidfile /var/run/docker.pid "${STOP_TIMEOUT:-30}" dockerd
stop_containerd "$keep"; rm -f "$keep"
say "stopped"
