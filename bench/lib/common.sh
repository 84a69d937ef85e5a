# What the benchmark scripts share (bench/run.sh, bench/capacity.sh): messages, the load generator,
# reading its output, and stopping a server. Sourced, not run.

log() { echo "bench: $*" >&2; }
die() { log "$*"; exit 1; }

# need_wrk: installs wrk from Debian's packages when it is missing.
need_wrk() {
  command -v wrk >/dev/null 2>&1 && return 0
  log "installing wrk"
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  if ! $sudo apt-get install -y -q --no-install-recommends wrk >&2; then
    $sudo apt-get update -q >&2
    $sudo apt-get install -y -q --no-install-recommends wrk >&2
  fi
}

# raise_file_limit N: lifts the open-file limit towards N (each socket is a descriptor on both
# ends); warns when it cannot.
raise_file_limit() {
  local want=$1 limit
  if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt "$want" ]; then
    ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
    limit=$(ulimit -n)
    if [ "$limit" != unlimited ] && [ "$limit" -lt "$want" ]; then log "warning: the open-file limit is $limit"; fi
  fi
}

rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }

# field KEY "k=v k=v ...": one value out of a line of key=value pairs
field() { tr ' ' '\n' <<<"$2" | sed -n "s/^$1=//p"; }

# wrk output "1.23ms" / "850.00us" / "1.02s" -> milliseconds
to_ms() {
  awk -v v="$1" 'BEGIN {
    if (v ~ /us$/) { sub(/us$/, "", v); printf "%.2f", v / 1000 }
    else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.2f", v }
    else if (v ~ /m$/) { sub(/m$/, "", v); printf "%.2f", v * 60000 }
    else if (v ~ /s$/) { sub(/s$/, "", v); printf "%.2f", v * 1000 }
    else printf "%s", v }'
}

# stop_pid PID: SIGTERM, up to 10 s to finish, then SIGKILL; returns the process's exit status.
stop_pid() {
  local pid=$1
  kill -TERM "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "the server ignored SIGTERM for 10 s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  local rc=0
  wait "$pid" 2>/dev/null || rc=$?
  return "$rc"
}

# wait_for_line FILE SED_EXPR: prints the first match of SED_EXPR (a sed -n script) in FILE, waiting
# up to 10 s for it to appear; dies when it does not.
wait_for_line() {
  local found=""
  for _ in $(seq 1 200); do
    found=$(sed -n "$2" "$1" | head -1)
    [ -n "$found" ] && break
    sleep 0.05
  done
  [ -n "$found" ] || die "no line matching $2 in $1"
  echo "$found"
}

# start_bare BIN OUT: starts the bare Beast server (bench/bare_server.cpp), the yardstick for
# /healthz, on a free port; sets bare_pid and bare_base (http://127.0.0.1:PORT).
start_bare() {
  "$1" --listen 127.0.0.1:0 >"$2" 2>&1 &
  bare_pid=$!
  bare_base=$(wait_for_line "$2" 's|^listening on \(http://127\.0\.0\.1:[0-9]*\)$|\1|p')
}
