#!/usr/bin/env bash
# Stops the registry that registry.sh started. Idempotent; keeps the package and the pushed images.
set -uo pipefail
STATE=${REGISTRY_STATE:-/var/tmp/dockerfile-studio-registry}
PIDFILE=$STATE/registry.pid
TIMEOUT=${STOP_TIMEOUT:-15}

gone() { local i; for ((i = 0; i < $2 * 10; i++)); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done; return 1; }

if [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
  pid=$(cat "$PIDFILE")
  echo "[engine/stop-registry] stopping docker-registry $pid"
  kill -TERM "$pid"
  gone "$pid" "$TIMEOUT" || { echo "[engine/stop-registry] SIGKILL after ${TIMEOUT}s" >&2; kill -KILL "$pid" 2>/dev/null; gone "$pid" 5; }
else
  echo "[engine/stop-registry] docker-registry is not running"
fi
rm -f "$PIDFILE"
echo "[engine/stop-registry] stopped"
