#!/usr/bin/env bash
# `make bench-quick`: the request path's ratios and their targets in under a minute, for a developer
# to run before a change lands. Starts a bare Beast server of the same shape (bench/bare_server.cpp)
# and Pillars on free ports, makes a few people (bench/lib/quick-world.mjs), then measures in
# alternating rounds with wrk: the bare server, Pillars' /healthz, and signed-in reads. Each ratio is
# taken within a round (so a machine that slows down slows both sides) and the median round counts.
# The full figures, writes, latency and memory stay in `make bench` (bench/run.sh).
#
# Knobs (environment): PILLARS_BIN (build/pillars), BARE_BIN (build/bench/bare_server),
# BENCH_DURATION seconds per run (2), BENCH_ROUNDS (3), BENCH_CONNECTIONS (64), BENCH_THREADS (2).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib/common.sh
source bench/lib/common.sh

BIN=${PILLARS_BIN:-build/pillars}
BARE=${BARE_BIN:-build/bench/bare_server}
DURATION=${BENCH_DURATION:-2}
ROUNDS=${BENCH_ROUNDS:-3}
CONNS=${BENCH_CONNECTIONS:-64}
THREADS=${BENCH_THREADS:-2}
[ -x "$BIN" ] || die "no server at $BIN (make build)"
[ -x "$BARE" ] || die "no bare server at $BARE (make build)"
need_wrk
started=$(date +%s)

tmp=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do stop_pid "$pid" || true; done
  rm -rf "$tmp"
}
trap cleanup EXIT

start_bare "$BARE" "$tmp/bare.out"
pids+=("$bare_pid")
bare=$bare_base
mkdir "$tmp/data"
"$BIN" serve --listen 127.0.0.1:0 --data "$tmp/data" --max-connections-per-address 0 >"$tmp/server.out" 2>"$tmp/server.log" &
pids+=($!)
base=$(wait_for_line "$tmp/server.out" 's|^pillars listening on \(http://127\.0\.0\.1:[0-9]*\)$|\1|p')
for attempt in $(seq 1 200); do
  [ "$(curl -s --max-time 5 -o /dev/null -w '%{http_code}' "$base/readyz")" = 200 ] && break
  [ "$attempt" -lt 200 ] || die "the server did not become ready in 10 s"
  sleep 0.05
done
read -r cookie today_path entries_path bond_path < <(node bench/lib/quick-world.mjs "$base")

# name|url|cookie|yardstick|target|what
cases=(
  "bare|$bare/healthz|||"
  "healthz|$base/healthz||bare|0.85|GET /healthz, to the bare Beast server"
  "today|$base$today_path|$cookie|healthz|0.8|GET the today view (a bond's check-ins for today), to /healthz"
  "entries|$base$entries_path|$cookie|healthz|0.4|GET a bond's shared entries (a page of 20), to /healthz"
  "bond|$base$bond_path|$cookie|healthz|0.6|GET /api/v1/bonds/{id}, to /healthz"
  "me|$base/api/v1/me|$cookie|healthz|0.6|GET /api/v1/me, to /healthz"
)

rps() {  # rps URL [COOKIE]
  local args=(-t"$THREADS" -c"$CONNS" -d"${DURATION}s")
  if [ -n "${2:-}" ]; then args+=(-H "Cookie: $2"); fi
  wrk "${args[@]}" "$1" | awk '/^Requests\/sec:/ { print $2 }'
}

declare -A rate ratios
for round in $(seq 1 "$ROUNDS"); do
  for c in "${cases[@]}"; do
    IFS='|' read -r name url cookie_of _ _ _ <<<"$c"
    rate[$name]=$(rps "$url" "$cookie_of")
    [ -n "${rate[$name]}" ] || die "wrk measured nothing for $url"
  done
  for c in "${cases[@]}"; do
    IFS='|' read -r name _ _ yardstick _ _ <<<"$c"
    [ -n "$yardstick" ] || continue
    ratios[$name]+="$(awk -v a="${rate[$name]}" -v b="${rate[$yardstick]}" 'BEGIN { printf "%.2f", a / b }') "
  done
  log "round $round: $(for c in "${cases[@]}"; do IFS='|' read -r n _ <<<"$c"; printf '%s %s  ' "$n" "${rate[$n]}"; done)"
done

median() { tr ' ' '\n' <<<"$1" | grep . | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "| Ratio (median of $ROUNDS rounds of ${DURATION} s, -c$CONNS) | Rounds | Target | |"
echo "|---|---|---|---|"
unmet=0
for c in "${cases[@]}"; do
  IFS='|' read -r name _ _ yardstick target what <<<"$c"
  [ -n "$yardstick" ] || continue
  m=$(median "${ratios[$name]}")
  verdict=met
  if awk -v m="$m" -v t="$target" 'BEGIN { exit !(m < t) }'; then verdict="not met"; unmet=$((unmet + 1)); fi
  echo "| $what | **$m** (${ratios[$name]% }) | >= $target | $verdict |"
done
echo
echo "$unmet of $(( ${#cases[@]} - 1 )) targets not met; $(($(date +%s) - started)) s."
