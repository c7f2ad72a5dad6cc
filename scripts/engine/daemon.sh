# Shared by the engine scripts (sourced): waiting for a daemon just started, and stopping one by
# its pid file. The caller defines say and fail (its own message prefix).

# Waits for one pid to go away; kill -0 is the only portable check for a non-child process.
gone() { local i; for ((i = 0; i < $2 * 10; i++)); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done; return 1; }

# Waits until the command "$3..." succeeds. The daemon (pid $1, log $2) gives no readiness signal but
# its answer, so this polls; it ends on success, on the daemon's exit, or after $READY_TIMEOUT s.
await_ready() {
  local daemon=$1 log=$2 deadline=$(( $(date +%s) + READY_TIMEOUT ))
  shift 2
  until "$@"; do
    kill -0 "$daemon" 2>/dev/null || { tail -20 "$log" >&2; fail "the daemon exited"; }
    [ "$(date +%s)" -lt "$deadline" ] || { tail -20 "$log" >&2; fail "not ready after ${READY_TIMEOUT}s"; }
    sleep 0.1
  done
}

# Stops the process of pid file $1 (TERM, then KILL after $2 s) and removes the file; $3 names it.
stop_pidfile() {
  local pidfile=$1 timeout=$2 name=$3 pid
  if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    pid=$(cat "$pidfile")
    say "stopping $name $pid"
    kill -TERM "$pid"
    gone "$pid" "$timeout" || { say "SIGKILL after ${timeout}s" >&2; kill -KILL "$pid" 2>/dev/null; gone "$pid" 5; }
  else
    say "$name is not running"
  fi
  rm -f "$pidfile"
}

# Stops the containerd a dockerd started, when the dockerd left it behind (its pid file is $1).
stop_containerd() {
  local pid
  [ -f "$1" ] && pid=$(cat "$1") || return 0
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill -TERM "$pid"; gone "$pid" 10 || kill -KILL "$pid" 2>/dev/null; fi
  return 0
}

# True when a dockerd answers on $SOCK.
dockerd_answers() { curl -sf --max-time 2 --unix-socket "$SOCK" http://localhost/_ping >/dev/null 2>&1; }

# Starts a dockerd beside the machine's own, unless one already answers on $SOCK: binary $1, name $2
# (data root /var/lib/docker-$2, exec root /var/run/docker-$2, cgroup parent /docker-$2), pid file
# $PIDFILE, state folder $STATE. Its own bridge $BRIDGE ($BRIDGE_ADDR) and no iptables rules, so it
# never touches the first engine's docker0 (`--bridge=none` would delete it). It starts a
# containerd of its own; setsid + nohup let it outlive this script and its terminal.
start_side_dockerd() {
  local bin=$1 name=$2 daemon
  echo '{ "log-level": "warn", "shutdown-timeout": 5 }' >"$STATE/daemon.json"
  if dockerd_answers; then
    say "dockerd already answers on $SOCK"
    return 0
  fi
  # A pid file left by a killed daemon makes dockerd refuse to start.
  if [ -f "$PIDFILE" ] && ! kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then rm -f "$PIDFILE"; fi
  mkdir -p "/var/lib/docker-$name" "/var/run/docker-$name"
  ip link show "$BRIDGE" >/dev/null 2>&1 || { ip link add "$BRIDGE" type bridge; ip addr add "$BRIDGE_ADDR" dev "$BRIDGE"; }
  say "starting dockerd (log: $STATE/dockerd.log)"
  setsid nohup "$bin" --config-file "$STATE/daemon.json" \
    -H "unix://$SOCK" --data-root "/var/lib/docker-$name" --exec-root "/var/run/docker-$name" \
    --pidfile "$PIDFILE" --iptables=false --ip6tables=false --ip-masq=false --ip-forward=false \
    --bridge="$BRIDGE" --storage-driver overlay2 --exec-opt native.cgroupdriver=cgroupfs \
    --cgroup-parent "/docker-$name" >>"$STATE/dockerd.log" 2>&1 </dev/null &
  daemon=$!
  await_ready "$daemon" "$STATE/dockerd.log" dockerd_answers
  say "dockerd $daemon ready"
}
