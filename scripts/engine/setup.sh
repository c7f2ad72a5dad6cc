#!/usr/bin/env bash
# Starts a real Docker engine for the integration tests (test/docker) and the VS Code tests.
#
# Idempotent: what is installed, running or imported already is left alone. Needs root (dockerd
# does, and this machine has no systemd, so the daemon is started here in the background).
#
# What it gives:
#   - Debian 13's docker.io 26.1 + docker-cli + docker-buildx 0.13 (BuildKit 0.13, heredocs,
#     `docker buildx build --progress=rawjson`); the Debian 12 suite has only 20.10 without buildx,
#     so the three .debs are fetched with a private apt state pointed at trixie and installed
#     against Debian 12's containerd and runc.
#   - dockerd on unix:///var/run/docker.sock, checked through /_ping.
#   - local/busybox:latest, a `docker import` of busybox-static: no registry is reachable, so
#     every test Dockerfile starts FROM this image.
#
# Knobs: ENGINE_STATE (pid/log/config dir, default /var/tmp/dockerfile-studio-engine),
#        DOCKER_DATA (data root, default /var/lib/docker), READY_TIMEOUT (seconds, default 60).
set -euo pipefail

STATE=${ENGINE_STATE:-/var/tmp/dockerfile-studio-engine}
DATA=${DOCKER_DATA:-/var/lib/docker}
READY_TIMEOUT=${READY_TIMEOUT:-60}
SOCK=/var/run/docker.sock
PIDFILE=/var/run/docker.pid
DOCKER=/usr/bin/docker   # the packaged client, which finds the packaged buildx plugin

say() { echo "[engine/setup] $*"; }
# shellcheck source=debs.sh
source "$(dirname "${BASH_SOURCE[0]}")/debs.sh"
fail() { echo "[engine/setup] $*" >&2; exit 1; }
# shellcheck source=daemon.sh
source "$(dirname "${BASH_SOURCE[0]}")/daemon.sh"
[ "$(id -u)" = 0 ] || fail "must run as root (dockerd needs it)"
mkdir -p "$STATE"
start=$(date +%s%N)

# ------------------------------------------------------------------------------------ packages
has_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
apt_wait=(-o DPkg::Lock::Timeout=600)   # other jobs on this machine may hold the dpkg lock
if [[ "$(dpkg-query -W -f='${Version}' docker.io 2>/dev/null || true)" != 26.* ]] || ! has_pkg docker-buildx; then
  say "installing docker.io 26 + docker-cli + docker-buildx (Debian 13 packages)"
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  download_docker_debs trixie "$tmp/debs"
  apt-get "${apt_wait[@]}" update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${apt_wait[@]}" --no-install-recommends \
    "$tmp"/debs/*.deb busybox-static >/dev/null
  rm -rf "$tmp"; trap - EXIT
fi
if ! has_pkg busybox-static; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${apt_wait[@]}" --no-install-recommends busybox-static >/dev/null
fi

# ------------------------------------------------------------------------------------ daemon
# Spelled out so the run does not depend on whatever /etc/docker/daemon.json says.
cat >"$STATE/daemon.json.tmp" <<JSON
{
  "hosts": ["unix://$SOCK"],
  "data-root": "$DATA",
  "storage-driver": "overlay2",
  "exec-opts": ["native.cgroupdriver=cgroupfs"],
  "log-level": "warn",
  "shutdown-timeout": 5
}
JSON
mv "$STATE/daemon.json.tmp" "$STATE/daemon.json"

ping() { curl -sf --max-time 2 --unix-socket "$SOCK" http://localhost/_ping >/dev/null 2>&1; }
if ping; then
  say "dockerd already answers on $SOCK"
else
  # A pid file left by a killed daemon makes dockerd refuse to start.
  if [ -f "$PIDFILE" ] && ! kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then rm -f "$PIDFILE"; fi
  say "starting dockerd (log: $STATE/dockerd.log)"
  # setsid + nohup: the daemon outlives this script and its terminal.
  setsid nohup /usr/sbin/dockerd --config-file "$STATE/daemon.json" --pidfile "$PIDFILE" \
    >>"$STATE/dockerd.log" 2>&1 </dev/null &
  daemon=$!
  await_ready "$daemon" "$STATE/dockerd.log" ping
  say "dockerd $daemon ready"
fi

# ------------------------------------------------------------------------------------ base image
if ! $DOCKER image inspect local/busybox:latest >/dev/null 2>&1; then
  root=$(mktemp -d)
  trap 'rm -rf "$root"' EXIT
  mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,etc,root,tmp,var/tmp,proc,sys,dev,home}
  chmod 1777 "$root/tmp" "$root/var/tmp"
  cp /bin/busybox "$root/bin/busybox"
  for applet in $(/bin/busybox --list); do [ -e "$root/bin/$applet" ] || ln -s busybox "$root/bin/$applet"; done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$root/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
  tar -C "$root" --numeric-owner -cf - . | $DOCKER import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'CMD ["/bin/sh"]' - local/busybox:latest >/dev/null
  rm -rf "$root"; trap - EXIT
  say "imported local/busybox:latest"
fi

$DOCKER buildx version >/dev/null 2>&1 || fail "docker buildx is missing after install"
say "ready in $(( ($(date +%s%N) - start) / 1000000 )) ms: $($DOCKER version --format 'engine {{.Server.Version}}, API {{.Server.APIVersion}}'), $($DOCKER buildx version | cut -d' ' -f1-2)"
