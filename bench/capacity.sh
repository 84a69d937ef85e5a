#!/usr/bin/env bash
# Capacity (`make bench-capacity`): the mixed workload of every route weighted as people use the
# app (bench/mixed.lua), on a realistic data set (`pillars seed`), with /healthz in the same run as
# the yardstick; p50, p99, p99.9 and errors; start-to-ready and RSS on that data set; and, with many
# live-event sockets open, the time from a write to its event (bench/event-latency.mjs). Prints a
# markdown summary on stdout; progress and raw output go to stderr. docs/capacity.md derives from
# these figures how many couples one machine serves.
#
# Knobs (environment):
#   PILLARS_BIN              server binary                                   (build/pillars)
#   CAPACITY_COUPLES         couples seeded                                  (100000)
#   CAPACITY_DAYS            days of history each                            (90)
#   CAPACITY_SESSIONS        couples signed in for the load (both people)    (5000)
#   CAPACITY_DATABASE        a postgres:// URL: run on PostgreSQL (an empty database, or one this
#                            script seeded before with the same CAPACITY_DATA)
#   CAPACITY_INSTANCES       Pillars instances on that database (1 or 2; PostgreSQL only)  (1)
#   CAPACITY_DATA            keep the data folder here and reuse it on later runs (seeding is the
#                            slow part); without it a temporary folder is seeded and removed
#   CAPACITY_DURATION        seconds per wrk run                             (30)
#   CAPACITY_ROUNDS          rounds of /healthz then the mix; the median counts (3)
#   CAPACITY_CONNECTIONS     wrk connections, split over the instances       (64)
#   CAPACITY_WEBSOCKETS      live-event sockets for the event latency        (10000)
#   CAPACITY_WRITES          writes timed to their event, at 200 a second    (2000)
#
# Everything talks to 127.0.0.1 only and stops by itself.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib/common.sh
source bench/lib/common.sh

BIN=${PILLARS_BIN:-build/pillars}
COUPLES=${CAPACITY_COUPLES:-100000}
DAYS=${CAPACITY_DAYS:-90}
SESSIONS=${CAPACITY_SESSIONS:-5000}
DATABASE=${CAPACITY_DATABASE:-}
INSTANCES=${CAPACITY_INSTANCES:-1}
DURATION=${CAPACITY_DURATION:-30}
ROUNDS=${CAPACITY_ROUNDS:-3}
CONNS=${CAPACITY_CONNECTIONS:-64}
WS_COUNT=${CAPACITY_WEBSOCKETS:-10000}
WRITES=${CAPACITY_WRITES:-2000}
WRK_THREADS=$((2 / INSTANCES > 0 ? 2 / INSTANCES : 1))

[ -x "$BIN" ] || die "$BIN is missing; build it first (make build)"
need_wrk
if [ -z "$DATABASE" ] && [ "$INSTANCES" != 1 ]; then die "several instances need CAPACITY_DATABASE (PostgreSQL)"; fi
DATABASE_ARGS=()
engine="SQLite"
if [ -n "$DATABASE" ]; then
  DATABASE_ARGS=(--database "$DATABASE")
  engine="PostgreSQL, $INSTANCES instance$([ "$INSTANCES" = 1 ] || echo s)"
fi
raise_file_limit $((WS_COUNT * 2 + 1024))

tmp=$(mktemp -d "${TMPDIR:-/tmp}/pillars-capacity.XXXXXX")
data=${CAPACITY_DATA:-$tmp/data}
pids=()
stop_all() {
  for pid in "${pids[@]}"; do stop_pid "$pid" || true; done
  pids=()
}
cleanup() {
  stop_all
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- 1. the data set --------------------------------------------------------------------------
seeded_line=""
if [ -s "$data/sessions.tsv" ]; then
  log "reusing the data set in $data"
  seeded_line=$(cat "$data/seeded.txt" 2>/dev/null || echo "seeded before")
else
  mkdir -p "$data"
  log "seeding $COUPLES couples with $DAYS days each"
  "$BIN" seed --data "$data" "${DATABASE_ARGS[@]}" --couples "$COUPLES" --days "$DAYS" --sessions "$SESSIONS" \
    --sessions-file "$data/sessions.tsv" 2>"$tmp/seed.log" || die "seeding failed: $(tail -3 "$tmp/seed.log")"
  seeded_line=$(tail -1 "$tmp/seed.log" | sed 's/^seed: //')
  echo "$seeded_line" >"$data/seeded.txt"
fi
log "$seeded_line"
db_size="-"
if [ -z "$DATABASE" ]; then db_size="$(du -m "$data/pillars.db" | cut -f1) MB (SQLite file)"; fi

# ---- 2. start to ready on it ------------------------------------------------------------------
# start_instance: starts one server on a free port; appends its pid to pids and its base URL to
# bases; sets started_ms to the milliseconds from spawn to the first 200 from /readyz.
bases=()
start_instance() {
  local n=${#pids[@]} out="$tmp/server-${#pids[@]}"
  local t0
  t0=$(date +%s%N)
  "$BIN" serve --listen 127.0.0.1:0 --data "$data" "${DATABASE_ARGS[@]}" --max-connections-per-address 0 \
    --max-sockets-per-person 100000 >"$out.out" 2>"$out.log" &
  pids+=($!)
  local port="" base
  for _ in $(seq 1 600); do
    port=$(sed -n 's|^pillars listening on http://127\.0\.0\.1:\([0-9]*\)$|\1|p' "$out.out")
    [ -n "$port" ] && break
    kill -0 "${pids[$n]}" 2>/dev/null || die "the server exited: $(tail -5 "$out.log")"
    sleep 0.02
  done
  [ -n "$port" ] || die "the server did not print its port"
  base="http://127.0.0.1:$port"
  for _ in $(seq 1 3000); do
    [ "$(curl -s --max-time 5 -o /dev/null -w '%{http_code}' "$base/readyz")" = 200 ] && break
    sleep 0.01
  done
  started_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  bases+=("$base")
}
starts=()
for _ in 1 2 3; do
  start_instance
  starts+=("$started_ms")
  stop_all
  bases=()
done
start_ms=$(printf '%s\n' "${starts[@]}" | sort -n | sed -n 2p)
log "start to ready on the data set: ${starts[*]} ms"

for _ in $(seq 1 "$INSTANCES"); do start_instance; done
sleep 2
rss_idle=$(for pid in "${pids[@]}"; do rss_kib "$pid"; done | paste -sd/)
log "instances: ${bases[*]}; RSS after ready $rss_idle KiB"

# ---- 3. the mixed workload against /healthz ---------------------------------------------------
today=$(date -u +%Y-%m-%d)
curl -sS --max-time 30 -o "$tmp/catalog.json" "${bases[0]}/api/v1/catalog"
checkin_body=$(node -e 'const c = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const word = (id) => c.feelings.families.find((f) => f.id === id).words[0].id;
  process.stdout.write(JSON.stringify({ feelings: [{ word: word("calm"), intensity: 3 }],
    closeness_now: 4, closeness_wanted: 5, need: "fine", own_minutes: 60, together_minutes: 90,
    guess: { family: "joy", closeness_now: 4 } }));' "$tmp/catalog.json")
export PILLARS_SESSIONS="$data/sessions.tsv" PILLARS_TODAY="$today" PILLARS_CHECKIN="$checkin_body"

# load NAME SECONDS [lua]: wrk against every instance at once, the connections split between them;
# sets rps (the sum), p50/p99/p999 (the slowest instance's) and errors (the sum).
load() {
  local name=$1 seconds=$2 script=${3:-}
  local per=$((CONNS / INSTANCES)) i=0 wrk_pids=()
  for base in "${bases[@]}"; do
    local args=(-t"$WRK_THREADS" -c"$per" -d"${seconds}s" --latency)
    if [ -n "$script" ]; then
      PILLARS_ORIGIN=$base wrk "${args[@]}" -s "$script" "$base" >"$tmp/wrk-$name-$i.txt" 2>&1 &
    else
      wrk "${args[@]}" "$base/healthz" >"$tmp/wrk-$name-$i.txt" 2>&1 &
    fi
    wrk_pids+=($!)
    i=$((i + 1))
  done
  for p in "${wrk_pids[@]}"; do wait "$p" || die "wrk failed: $(cat "$tmp"/wrk-"$name"-*.txt)"; done
  rps=0 p50=0 p99=0 p999=0 errors=0
  for f in "$tmp"/wrk-"$name"-*.txt; do
    cat "$f" >&2
    local r a b c e
    if [ -n "$script" ]; then
      local line
      line=$(grep '^mixed ' "$f")
      r=$(field rps "$line") a=$(field p50_ms "$line") b=$(field p99_ms "$line") c=$(field p999_ms "$line")
      e=$(($(field errors "$line") + $(field non2xx "$line")))
    else
      r=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$f")
      a=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$f")") b=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$f")") c=-
      e=$(awk '/Non-2xx or 3xx responses:/ { n += $NF } /Socket errors:/ { gsub(/,/, ""); n += $4 + $6 + $8 + $10 } END { print n + 0 }' "$f")
    fi
    rps=$((rps + r)) errors=$((errors + e))
    p50=$(awk -v x="$p50" -v y="$a" 'BEGIN { print (y > x ? y : x) }')
    p99=$(awk -v x="$p99" -v y="$b" 'BEGIN { print (y > x ? y : x) }')
    [ "$c" = - ] || p999=$(awk -v x="$p999" -v y="$c" 'BEGIN { print (y > x ? y : x) }')
  done
  rm -f "$tmp"/wrk-"$name"-*.txt
}

log "warming up the mix for 5 s"
load warm 5 bench/mixed.lua
declare -a h_rps m_rps m_p50 m_p99 m_p999 m_err ratios
for r in $(seq 1 "$ROUNDS"); do
  load healthz "$DURATION"
  h_rps+=("$rps")
  load mixed "$DURATION" bench/mixed.lua
  m_rps+=("$rps") m_p50+=("$p50") m_p99+=("$p99") m_p999+=("$p999") m_err+=("$errors")
  ratios+=("$(awk -v m="$rps" -v h="${h_rps[-1]}" 'BEGIN { printf "%.2f", m / h }')")
  log "round $r: /healthz ${h_rps[-1]}/s, mix $rps/s (ratio ${ratios[-1]}), p50 $p50 ms, p99 $p99 ms, p99.9 $p999 ms, errors $errors"
done
# The median round by the mix's throughput.
mid=$(for i in "${!m_rps[@]}"; do echo "${m_rps[$i]} $i"; done | sort -n | sed -n "$(( (ROUNDS + 1) / 2 ))p" | cut -d' ' -f2)
rss_load=$(for pid in "${pids[@]}"; do rss_kib "$pid"; done | paste -sd/)
total_errors=0
for e in "${m_err[@]}"; do total_errors=$((total_errors + e)); done

# ---- 4. from a write to its event, with many sockets open -------------------------------------
write_base=${bases[$((INSTANCES - 1))]}
log "event latency: $WS_COUNT sockets on ${bases[0]}, writes through $write_base"
events=$(node bench/event-latency.mjs --base "${bases[0]}" --write-base "$write_base" --sessions "$data/sessions.tsv" \
  --count "$WS_COUNT" --writes "$WRITES" --rate 200)
log "$events"
rss_ws=$(for pid in "${pids[@]}"; do rss_kib "$pid"; done | paste -sd/)

# ---- summary ----------------------------------------------------------------------------------
revision=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
cat <<EOF
## Capacity: $engine, $(nproc) cores, revision $revision

Data set: $seeded_line; database $db_size. Sessions for $SESSIONS couples.

| Measure | Result |
|---|---|
| Start to ready on the data set (median of 3) | ${start_ms} ms (${starts[*]}) |
| RSS after ready / after the mix / with $WS_COUNT sockets (KiB, per instance) | $rss_idle / $rss_load / $rss_ws |
| /healthz, -c$CONNS, ${DURATION}s, median round | ${h_rps[$mid]} req/s |
| Mixed workload, -c$CONNS, ${DURATION}s, median round | **${m_rps[$mid]} req/s = ${ratios[$mid]} x /healthz** (rounds: ${ratios[*]}) |
| Mixed workload latency, median round | p50 ${m_p50[$mid]} ms, p99 ${m_p99[$mid]} ms, p99.9 ${m_p999[$mid]} ms |
| Errors over all rounds (failed connections and answers of 400 and above) | $total_errors |
| Write to its event, $WS_COUNT sockets open, 200 writes/s | $events |
EOF
