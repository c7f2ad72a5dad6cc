#!/usr/bin/env bash
# Stops the second engine that second.sh started (and the containerd it manages). Idempotent;
# keeps its data root, its bridge and the `studio-second` context.
set -uo pipefail
PIDFILE=/var/run/docker-second.pid
CONTAINERD_PIDFILE=/var/run/docker-second/containerd/containerd.pid
TIMEOUT=${STOP_TIMEOUT:-30}
[ "$(id -u)" = 0 ] || { echo "[engine/stop-second] must run as root" >&2; exit 1; }

# Waits for one pid to go away; kill -0 is the only portable check for a non-child process.
gone() { local i; for ((i = 0; i < $2 * 10; i++)); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done; return 1; }

containerd=""; [ -f "$CONTAINERD_PIDFILE" ] && containerd=$(cat "$CONTAINERD_PIDFILE")
if [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
  pid=$(cat "$PIDFILE")
  echo "[engine/stop-second] stopping dockerd $pid"
  kill -TERM "$pid"
  gone "$pid" "$TIMEOUT" || { echo "[engine/stop-second] SIGKILL after ${TIMEOUT}s" >&2; kill -KILL "$pid" 2>/dev/null; gone "$pid" 5; }
else
  echo "[engine/stop-second] dockerd is not running"
fi
if [ -n "$containerd" ] && kill -0 "$containerd" 2>/dev/null; then
  kill -TERM "$containerd"; gone "$containerd" 10 || kill -KILL "$containerd" 2>/dev/null
fi
rm -f "$PIDFILE"
echo "[engine/stop-second] stopped"
