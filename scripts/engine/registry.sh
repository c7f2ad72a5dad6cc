#!/usr/bin/env bash
# Starts a real image registry on 127.0.0.1:5000 for the integration tests: base images pushed
# there are pulled by digest (`FROM 127.0.0.1:5000/base:1`), and a changed image pushed under the
# same tag gives a new digest, which is how test/docker checks `base-image-changed`.
#
# Idempotent: an installed package or a registry that answers already is left alone. Needs root.
#
# What it gives:
#   - Debian's docker-registry package (the distribution registry 2.8), installed with apt; its own
#     service is never started (it would listen on every interface with htpasswd auth).
#   - the registry on 127.0.0.1:5000 only, with its own config, storage and pid file under $STATE,
#     no auth and deletes allowed. Docker treats 127.0.0.0/8 as an insecure (plain HTTP)
#     registry by default, so neither engine needs configuring.
#
# Knobs: REGISTRY_STATE (config, storage, pid, log; default /var/tmp/dockerfile-studio-registry),
#        REGISTRY_PORT (default 5000), READY_TIMEOUT (seconds, default 30).
set -euo pipefail

STATE=${REGISTRY_STATE:-/var/tmp/dockerfile-studio-registry}
PORT=${REGISTRY_PORT:-5000}
READY_TIMEOUT=${READY_TIMEOUT:-30}
ADDR=127.0.0.1:$PORT
PIDFILE=$STATE/registry.pid

say() { echo "[engine/registry] $*"; }
fail() { echo "[engine/registry] $*" >&2; exit 1; }
# shellcheck source=daemon.sh
source "$(dirname "${BASH_SOURCE[0]}")/daemon.sh"
[ "$(id -u)" = 0 ] || fail "must run as root (apt-get install)"
mkdir -p "$STATE/storage"
start=$(date +%s%N)

if ! dpkg-query -W -f='${Status}' docker-registry 2>/dev/null | grep -q 'install ok installed'; then
  say "installing docker-registry (Debian package)"
  apt_wait=(-o DPkg::Lock::Timeout=600)   # other jobs on this machine may hold the dpkg lock
  apt-get "${apt_wait[@]}" update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${apt_wait[@]}" --no-install-recommends docker-registry >/dev/null
fi

cat >"$STATE/config.yml.tmp" <<YAML
version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $STATE/storage
  delete:
    enabled: true
http:
  addr: $ADDR
YAML
mv "$STATE/config.yml.tmp" "$STATE/config.yml"

# 200 from /v2/ is a distribution registry with no auth: ours. 401 would be the package's own
# service (htpasswd); anything else on the port is not a registry we can use.
status() { curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://$ADDR/v2/" 2>/dev/null || true; }
code=$(status)
if [ "$code" = 200 ]; then
  say "registry already answers on $ADDR"
elif [ "$code" != 000 ]; then
  fail "$ADDR answers HTTP $code: something else holds the port (stop it, or set REGISTRY_PORT)"
else
  if [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
    fail "registry $(cat "$PIDFILE") runs but does not answer on $ADDR (log: $STATE/registry.log)"
  fi
  say "starting docker-registry on $ADDR (log: $STATE/registry.log)"
  # setsid + nohup: the registry outlives this script and its terminal.
  setsid nohup /usr/bin/docker-registry serve "$STATE/config.yml" >>"$STATE/registry.log" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$PIDFILE"
  answers() { [ "$(status)" = 200 ]; }
  await_ready "$pid" "$STATE/registry.log" answers
  say "docker-registry $pid ready"
fi
say "ready in $(( ($(date +%s%N) - start) / 1000000 )) ms: $(/usr/bin/docker-registry --version | cut -d' ' -f3) on $ADDR"
