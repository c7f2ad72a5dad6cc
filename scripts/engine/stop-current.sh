#!/usr/bin/env bash
# Stops the current engine that setup-current.sh started (and the containerd it manages).
# Idempotent; keeps the extracted binaries, the data root and the bridge.
set -uo pipefail
PIDFILE=/var/run/docker-current.pid
TIMEOUT=${STOP_TIMEOUT:-30}
[ "$(id -u)" = 0 ] || { echo "[engine/stop-current] must run as root" >&2; exit 1; }

gone() { local i; for ((i = 0; i < $2 * 10; i++)); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done; return 1; }

if [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
  pid=$(cat "$PIDFILE")
  echo "[engine/stop-current] stopping dockerd $pid"
  kill -TERM "$pid"
  gone "$pid" "$TIMEOUT" || { echo "[engine/stop-current] SIGKILL after ${TIMEOUT}s" >&2; kill -KILL "$pid" 2>/dev/null; gone "$pid" 5; }
else
  echo "[engine/stop-current] dockerd is not running"
fi
rm -f "$PIDFILE"
echo "[engine/stop-current] stopped"
