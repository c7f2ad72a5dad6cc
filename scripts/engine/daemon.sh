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
