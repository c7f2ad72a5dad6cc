#!/usr/bin/env bash
# Starts a CURRENT Docker engine beside the test engine, for `docker build --check` (real BuildKit
# build checks) in the differential test (test/docker/buildkitCheck.test.ts).
#
# Idempotent: what is extracted, running or imported already is left alone. Needs root.
#
# What it gives:
#   - Debian sid's docker.io 28.5 (builtin Dockerfile frontend = BuildKit 0.25) + docker-cli +
#     docker-buildx 0.29, EXTRACTED under $PREFIX, never installed: dpkg -i would replace the
#     test engine that scripts/engine/setup.sh runs on /var/run/docker.sock.
#   - a dockerd of its own: socket /var/run/docker-current.sock, data root, exec root, pid file
#     and a private bridge (docker-cur0). NEVER --bridge=none: dockerd then deletes docker0,
#     the other engine's bridge.
#   - $STATE/env.sh setting DOCKER_HOST, DOCKER_CONFIG (with the sid buildx plugin) and PATH.
#   - local/busybox:latest in that engine (no registry is reachable; tests tag it as any image).
#
# Knobs: PREFIX (extract root, default /opt/docker-current), CURRENT_STATE (pid/log/config dir,
#        default /var/tmp/dockerfile-studio-engine-current), READY_TIMEOUT (seconds, default 60).
set -euo pipefail

PREFIX=${PREFIX:-/opt/docker-current}
STATE=${CURRENT_STATE:-/var/tmp/dockerfile-studio-engine-current}
READY_TIMEOUT=${READY_TIMEOUT:-60}
SOCK=/var/run/docker-current.sock
PIDFILE=/var/run/docker-current.pid
BRIDGE=docker-cur0
BRIDGE_ADDR=10.214.214.1/24

say() { echo "[engine/setup-current] $*"; }
# shellcheck source=debs.sh
source "$(dirname "${BASH_SOURCE[0]}")/debs.sh"
fail() { echo "[engine/setup-current] $*" >&2; exit 1; }
# shellcheck source=daemon.sh
source "$(dirname "${BASH_SOURCE[0]}")/daemon.sh"
[ "$(id -u)" = 0 ] || fail "must run as root (dockerd needs it)"
mkdir -p "$STATE"
start=$(date +%s%N)

# ------------------------------------------------------------------------------------ binaries
if [ ! -x "$PREFIX/usr/sbin/dockerd" ] || [ ! -x "$PREFIX/usr/libexec/docker/cli-plugins/docker-buildx" ]; then
  say "downloading docker.io + docker-cli + docker-buildx from Debian sid (extracted, not installed)"
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  download_docker_debs sid "$tmp/debs"
  mkdir -p "$PREFIX"
  for deb in "$tmp"/debs/*.deb; do dpkg -x "$deb" "$PREFIX"; done
  rm -rf "$tmp"; trap - EXIT
  say "extracted $("$PREFIX/usr/sbin/dockerd" --version)"
fi

# The sid buildx plugin in a private CLI config, and an env file for callers.
mkdir -p "$STATE/docker-config/cli-plugins"
cp -u "$PREFIX/usr/libexec/docker/cli-plugins/docker-buildx" "$STATE/docker-config/cli-plugins/"
cat >"$STATE/env.sh.tmp" <<EOF
export DOCKER_HOST=unix://$SOCK
export DOCKER_CONFIG=$STATE/docker-config
export PATH=$PREFIX/usr/bin:\$PATH
EOF
mv "$STATE/env.sh.tmp" "$STATE/env.sh"
DOCKER=("$PREFIX/usr/bin/docker")
export DOCKER_HOST=unix://$SOCK DOCKER_CONFIG=$STATE/docker-config

# ------------------------------------------------------------------------------------ daemon
start_side_dockerd "$PREFIX/usr/sbin/dockerd" current

# ------------------------------------------------------------------------------------ base image
if ! "${DOCKER[@]}" image inspect local/busybox:latest >/dev/null 2>&1; then
  [ -x /bin/busybox ] || fail "/bin/busybox is missing (scripts/engine/setup.sh installs busybox-static)"
  root=$(mktemp -d)
  trap 'rm -rf "$root"' EXIT
  mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,etc,root,tmp,var/tmp,proc,sys,dev,home}
  chmod 1777 "$root/tmp" "$root/var/tmp"
  cp /bin/busybox "$root/bin/busybox"
  for applet in $(/bin/busybox --list); do [ -e "$root/bin/$applet" ] || ln -s busybox "$root/bin/$applet"; done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$root/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
  tar -C "$root" --numeric-owner -cf - . | "${DOCKER[@]}" import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'CMD ["/bin/sh"]' - local/busybox:latest >/dev/null
  rm -rf "$root"; trap - EXIT
  say "imported local/busybox:latest"
fi

"${DOCKER[@]}" buildx version >/dev/null 2>&1 || fail "docker buildx is missing"
say "ready in $(( ($(date +%s%N) - start) / 1000000 )) ms: $("${DOCKER[@]}" version --format 'engine {{.Server.Version}}'), $("${DOCKER[@]}" buildx version | cut -d' ' -f1-2)"
