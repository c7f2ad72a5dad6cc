#!/usr/bin/env bash
# Starts a SECOND dockerd beside the test engine, reached through a Docker context, so the
# integration tests prove that build, run and image lookup go to the engine the user picked
# (remote engines and buildx builders are picked the same way) and not to the default one.
#
# Idempotent: a daemon that answers, a context that points at it and an image that is there are
# left alone. Needs root and scripts/engine/setup.sh first (its binaries and its busybox image).
#
# What it gives:
#   - the packaged dockerd (the one setup.sh installs) with a socket, data root, exec root, pid
#     file, cgroup parent and bridge of its own: /var/run/docker-second.sock, /var/lib/docker-second,
#     /var/run/docker-second, /var/run/docker-second.pid, /docker-second, docker-sec0.
#     NEVER --bridge=none: dockerd then deletes docker0, the first engine's bridge. No iptables
#     rules either, so the first engine's are left as they are.
#   - the Docker context `studio-second` (in the caller's Docker config) pointing at that socket.
#   - local/busybox:latest, copied from the first engine (`docker save | docker load`, same id).
#
# Knobs: SECOND_STATE (log/config dir, default /var/tmp/dockerfile-studio-engine-second),
#        SECOND_CONTEXT (context name, default studio-second), READY_TIMEOUT (seconds, default 60).
set -euo pipefail

STATE=${SECOND_STATE:-/var/tmp/dockerfile-studio-engine-second}
CONTEXT=${SECOND_CONTEXT:-studio-second}
READY_TIMEOUT=${READY_TIMEOUT:-60}
SOCK=/var/run/docker-second.sock
PIDFILE=/var/run/docker-second.pid
BRIDGE=docker-sec0
BRIDGE_ADDR=10.215.215.1/24
DOCKER=/usr/bin/docker
IMAGE=local/busybox:latest

say() { echo "[engine/second] $*"; }
fail() { echo "[engine/second] $*" >&2; exit 1; }
# shellcheck source=daemon.sh
source "$(dirname "${BASH_SOURCE[0]}")/daemon.sh"
[ "$(id -u)" = 0 ] || fail "must run as root (dockerd needs it)"
[ -x /usr/sbin/dockerd ] || fail "/usr/sbin/dockerd is missing: run scripts/engine/setup.sh first"
mkdir -p "$STATE"
start=$(date +%s%N)

# ------------------------------------------------------------------------------------ daemon
start_side_dockerd /usr/sbin/dockerd second

# ------------------------------------------------------------------------------------ context
endpoint="host=unix://$SOCK"
current=$($DOCKER context inspect --format '{{.Endpoints.docker.Host}}' "$CONTEXT" 2>/dev/null || true)
if [ "$current" = "unix://$SOCK" ]; then
  :
elif [ -n "$current" ]; then
  $DOCKER context update --docker "$endpoint" "$CONTEXT" >/dev/null
  say "context $CONTEXT now points at $SOCK (was $current)"
else
  $DOCKER context create "$CONTEXT" --description "Dockerfile Studio tests: a second engine" --docker "$endpoint" >/dev/null
  say "created context $CONTEXT"
fi

# ------------------------------------------------------------------------------------ base image
if ! $DOCKER --context "$CONTEXT" image inspect "$IMAGE" >/dev/null 2>&1; then
  $DOCKER image inspect "$IMAGE" >/dev/null 2>&1 || fail "$IMAGE is missing on the first engine: run scripts/engine/setup.sh first"
  $DOCKER image save "$IMAGE" | $DOCKER --context "$CONTEXT" image load -q >/dev/null
  say "copied $IMAGE from the first engine"
fi

$DOCKER --context "$CONTEXT" buildx version >/dev/null 2>&1 || fail "docker buildx is missing"
say "ready in $(( ($(date +%s%N) - start) / 1000000 )) ms: $($DOCKER --context "$CONTEXT" version --format 'engine {{.Server.Version}}') on $SOCK, context $CONTEXT"
