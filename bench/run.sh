#!/usr/bin/env bash
# Pillars performance benchmarks (`make bench`): starts the built server on a free port with a
# throw-away data folder, measures it against the performance targets of the design and prints a
# markdown summary on stdout. Progress and the raw load-generator output go to stderr.
#
# What it measures, in order: start to ready (bench/startup.mjs); idle RSS; throughput of /healthz,
# GET /api/v1/me and the hot reads (GET /api/v1/bonds/{id} and, when the server has daily
# check-ins, the bond's today view, and a bond's shared entries) with wrk, alternating in rounds;
# durable writes (PATCH /api/v1/me, with check-ins PUT of today's check-in, and POST of an entry)
# with wrk and bench/write.lua, with the mean group-commit size from /metrics; p99 latency of the
# hot reads at half of their peak with the open-loop generator bench/fixed-rate.mjs; RSS after the load; memory per idle WebSocket
# (bench/idle-websockets.mjs) when the server has live events; the web app's first load gzipped; and the
# store micro-benchmark (build/bench/store_bench) when it is built; and export, import and leaving on a
# long history (bench/ownership.mjs, a server of its own).
#
# Everything talks to 127.0.0.1 only, and everything stops by itself: the server gets SIGTERM at the
# end (or on Ctrl-C) and its data folder is removed.
#
# Knobs (environment):
#   PILLARS_BIN              server binary                     (build/pillars)
#   STORE_BENCH_BIN          store micro-benchmark, if built   (build/bench/store_bench)
#   BARE_BIN                 the bare Beast server, /healthz's yardstick, if built (build/bench/bare_server)
#   BENCH_DURATION           seconds per wrk run               (10)
#   BENCH_ROUNDS             rounds of the read comparison; the median round counts (3)
#   BENCH_CONNECTIONS        wrk connections for reads         (64)
#   BENCH_WRITE_CONNECTIONS  wrk connections for writes        (256)
#   BENCH_THREADS            wrk threads                       (2)
#   BENCH_STARTS             starts for start-to-ready         (10)
#   BENCH_WEBSOCKETS         idle WebSockets to open           (10000)
#   BENCH_DATABASE           a postgres:// URL: the server under test keeps its data there
#                            instead of SQLite (an empty database; start-to-ready and the
#                            export figures still use SQLite)
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib/common.sh
source bench/lib/common.sh

BIN=${PILLARS_BIN:-build/pillars}
STORE_BENCH=${STORE_BENCH_BIN:-build/bench/store_bench}
BARE=${BARE_BIN:-build/bench/bare_server}
DURATION=${BENCH_DURATION:-10}
ROUNDS=${BENCH_ROUNDS:-3}
READ_CONNS=${BENCH_CONNECTIONS:-64}
WRITE_CONNS=${BENCH_WRITE_CONNECTIONS:-256}
WRK_THREADS=${BENCH_THREADS:-2}
STARTS=${BENCH_STARTS:-10}
WS_COUNT=${BENCH_WEBSOCKETS:-10000}
DATABASE_ARGS=()
if [ -n "${BENCH_DATABASE:-}" ]; then DATABASE_ARGS=(--database "$BENCH_DATABASE"); fi

# ---- tools ------------------------------------------------------------------------------------
need_wrk
for tool in curl node gzip; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is missing (scripts/deps.sh installs what Pillars needs)"
done
[ -x "$BIN" ] || die "$BIN is missing; build it first (make build)"

# The server and the WebSocket client each hold one descriptor per idle socket.
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt $((WS_COUNT + 1024)) ]; then
  ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
  limit=$(ulimit -n)
  if [ "$limit" != unlimited ] && [ "$limit" -lt $((WS_COUNT + 1024)) ]; then
    WS_COUNT=$((limit - 1024))
    log "warning: the open-file limit is $limit; opening only $WS_COUNT WebSockets"
  fi
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/pillars-bench.XXXXXX")
server_pid=""
# Run a copy, so that a rebuild during the run neither fails nor changes what is measured.
BIN_NAME=$BIN
cp "$BIN" "$tmp/pillars"
BIN="$tmp/pillars"
if [ -x "$STORE_BENCH" ]; then
  cp "$STORE_BENCH" "$tmp/store_bench"
  STORE_BENCH_NAME=$STORE_BENCH
  STORE_BENCH="$tmp/store_bench"
fi
# fsync on tmpfs costs nothing, which would flatter the durable-write numbers: say where data lives.
data_fs=$(df -T "$tmp" | awk 'NR == 2 { print $2 }')
if [ "$data_fs" = tmpfs ]; then
  log "warning: $tmp is on tmpfs, so commits skip the disk; set TMPDIR to a folder on a real disk"
fi

stop_server() {
  [ -n "$server_pid" ] || return 0
  local pid=$server_pid
  server_pid=""
  stop_pid "$pid"
}
bare_pid=""
cleanup() {
  stop_server || true
  if [ -n "$bare_pid" ]; then stop_pid "$bare_pid" || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- helpers ----------------------------------------------------------------------------------

# json FIELD.PATH < file: one value out of a JSON document.
json() {
  node -e 'let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => {
    let v = JSON.parse(s); for (const k of process.argv[1].split(".")) v = v[k]; process.stdout.write(String(v)); });' "$1"
}

# api METHOD PATH BODY [curl args...]: the response body lands in $tmp/body, headers in
# $tmp/headers; prints the status code.
api() {
  local method=$1 path=$2 body=$3
  shift 3
  local args=(-sS --max-time 30 -o "$tmp/body" -D "$tmp/headers" -w '%{http_code}' -X "$method" "$base$path")
  if [ -n "$body" ]; then args+=(-H 'Content-Type: application/json' --data "$body"); fi
  curl "${args[@]}" "$@"
}
expect() { # expect STATUS WHAT: fails unless the last api call answered STATUS
  [ "$status" = "$1" ] || die "$2 answered $status, expected $1: $(cat "$tmp/body")"
}
session_cookie() { sed -n 's/^[Ss]et-[Cc]ookie: \(pillars_session=[^;]*\).*/\1/p' "$tmp/headers" | tr -d '\r'; }

# run_wrk NAME CONNECTIONS URL [wrk args...]: sets rps, p50, p99 and errors from the run.
run_wrk() {
  local name=$1 conns=$2 url=$3
  shift 3
  local out="$tmp/wrk-$name.txt"
  log "wrk $name: -t$WRK_THREADS -c$conns -d${DURATION}s $url"
  wrk -t"$WRK_THREADS" -c"$conns" -d"${DURATION}s" --latency "$@" "$url" >"$out" 2>&1 || die "wrk failed: $(cat "$out")"
  cat "$out" >&2
  rps=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$out")
  p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$out")")
  p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$out")")
  errors=$(awk '/Non-2xx or 3xx responses:/ { n += $NF } /Socket errors:/ { gsub(/,/, ""); n += $4 + $6 + $8 + $10 } END { print n + 0 }' "$out")
  [ -n "$rps" ] || die "could not read wrk's output for $name"
  if [ "$errors" != 0 ]; then log "warning: $name had $errors failed or non-2xx responses"; fi
}

metric() { curl -sS --max-time 30 "$metrics_base/metrics" | awk -v m="$1" '$1 == m { print $2 }'; }
verdict() { if [ "$1" = 1 ]; then echo "met"; else echo "**not met**"; fi; }

cores=$(nproc)
# How idle the machine is before we start: other work running alongside lowers every number.
cpu_sample() { awk '/^cpu / { print $5 + $6, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9 }' /proc/stat; }
read -r idle1 total1 < <(cpu_sample)
sleep 2
read -r idle2 total2 < <(cpu_sample)
idle_before=$(( (idle2 - idle1) * 100 / (total2 - total1 > 0 ? total2 - total1 : 1) ))
if [ "$idle_before" -lt 90 ]; then
  log "warning: the CPUs were only ${idle_before}% idle before the run; other work will lower the numbers"
fi
# Busy and stolen CPU time of the whole machine (in clock ticks); compared at the end with the CPU
# time of this script and everything it started, it shows how much other work ran alongside.
cpu_busy() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8, $9 }' /proc/stat; }
read -r busy_start steal_start < <(cpu_busy)
run_started=$(date +%s%N)

# ---- 1. start to ready ------------------------------------------------------------------------
log "start-to-ready over $STARTS starts"
startup=$(node bench/startup.mjs --bin "$BIN" --dir "$tmp/starts" --runs "$STARTS")
fresh_ms=$(field fresh_median_ms "$startup")
fresh_max=$(field fresh_max_ms "$startup")
restart_ms=$(field restart_median_ms "$startup")
restart_max=$(field restart_max_ms "$startup")
rm -rf "$tmp/starts"

# ---- 2. the server under test -----------------------------------------------------------------
mkdir -p "$tmp/data"
# One client address and one person stand in for many here: lift the per-address and per-person
# caps that protect a real server from a single abusive client. Metrics on their own listener.
"$BIN" serve --listen 127.0.0.1:0 --data "$tmp/data" "${DATABASE_ARGS[@]}" --metrics-listen 127.0.0.1:0 \
  --max-connections-per-address 0 --max-sockets-per-person 100000 >"$tmp/server.out" 2>"$tmp/server.log" &
server_pid=$!
port=""
for _ in $(seq 1 200); do
  port=$(sed -n 's|^pillars listening on http://127\.0\.0\.1:\([0-9]*\)$|\1|p' "$tmp/server.out")
  [ -n "$port" ] && break
  kill -0 "$server_pid" 2>/dev/null || die "the server exited: $(tail -5 "$tmp/server.log")"
  sleep 0.05
done
[ -n "$port" ] || die "the server did not print its port"
base="http://127.0.0.1:$port"
origin=$base
metrics_base=$(wait_for_line "$tmp/server.log" 's|.*metrics on \(127\.0\.0\.1:[0-9]*\).*|http://\1|p')
log "server pid $server_pid on $base"
# The yardstick for /healthz, when built: a bare Beast server of the same shape (bench/bare_server.cpp).
has_bare=0
if [ -x "$BARE" ]; then
  start_bare "$BARE" "$tmp/bare.out"
  has_bare=1
fi
for attempt in $(seq 1 200); do
  [ "$(curl -s --max-time 5 -o /dev/null -w '%{http_code}' "$base/readyz")" = 200 ] && break
  [ "$attempt" -lt 200 ] || die "the server did not become ready in 10 s"
  sleep 0.05
done
sleep 1
rss_idle=$(rss_kib "$server_pid")

# Two people and a bond between them, made the way the web app makes them.
password="bench-Pillars-7q2x9"
# sign_up WHO NAME: registers NAME (as name@bench.example) and sets cookie_WHO and csrf_WHO.
sign_up() {
  status=$(api POST /api/v1/auth/register "{\"email\":\"${2,,}@bench.example\",\"password\":\"$password\",\"display_name\":\"$2\"}")
  expect 201 "register $2"
  printf -v "cookie_$1" %s "$(session_cookie)"
  printf -v "csrf_$1" %s "$(json csrf <"$tmp/body")"
}
# make_bond KIND FROM TO: FROM invites TO to a bond of KIND and TO accepts; sets made_bond.
make_bond() {
  local from_cookie=cookie_$2 from_csrf=csrf_$2 to_cookie=cookie_$3 to_csrf=csrf_$3 code
  status=$(api POST /api/v1/invites "{\"kind\":\"$1\"}" -H "Cookie: ${!from_cookie}" -H "X-CSRF-Token: ${!from_csrf}" -H "Origin: $origin")
  expect 201 "create an invite"
  code=$(json code <"$tmp/body")
  status=$(api POST "/api/v1/invites/$code/accept" '' -H "Cookie: ${!to_cookie}" -H "X-CSRF-Token: ${!to_csrf}" -H "Origin: $origin")
  expect 201 "accept the invite"
  made_bond=$(json bond.id <"$tmp/body")
}
sign_up a Ann
sign_up b Bo
make_bond partner a b
bond=$made_bond
status=$(api GET "/api/v1/bonds/$bond" '' -H "Cookie: $cookie_a")
expect 200 "read the bond"
hot_url="$base/api/v1/bonds/$bond"

# Daily check-ins, when this server has them: Ann checks in for today (UTC), so the day view has
# something to show; Bo does not, so Ann's check-in stays open to change (a day both have checked
# in is locked). The body uses the first word of two feeling families from the catalog.
has_checkins=0
if "$BIN" routes 2>/dev/null | grep -q '/checkins/{day}'; then
  has_checkins=1
  today=$(date -u +%Y-%m-%d)
  status=$(api GET /api/v1/catalog '')
  expect 200 "read the catalog"
  checkin_body=$(node -e 'const c = JSON.parse(require("fs").readFileSync(0, "utf8"));
    const word = (id) => c.feelings.families.find((f) => f.id === id).words[0].id;
    process.stdout.write(JSON.stringify({ feelings: [{ word: word("calm"), intensity: 3 }, { word: word("hope"), intensity: 2 }],
      closeness_now: 4, closeness_wanted: 5, need: "fine", own_minutes: 60, together_minutes: 90,
      guess: { family: "joy", closeness_now: 4 } }));' <"$tmp/body")
  checkin_path="/api/v1/bonds/$bond/checkins/$today"
  status=$(api PUT "$checkin_path" "$checkin_body" -H "Cookie: $cookie_a" -H "X-CSRF-Token: $csrf_a" -H "Origin: $origin")
  expect 200 "check in"
  status=$(api GET "$checkin_path" '' -H "Cookie: $cookie_a")
  expect 200 "read today's check-ins"
  today_url="$base$checkin_path"
fi

# What is new, when this server has it: Ann sends Bo 40 warm words and shares 10 entries, so Bo's
# list (read on every visit to Home) holds 51 notices, one more than it shows.
has_notices=0
if "$BIN" routes 2>/dev/null | grep -q '/api/v1/notices'; then
  has_notices=1
  for i in $(seq 1 40); do
    status=$(api POST "/api/v1/bonds/$bond/appreciations" '{"kind":"love"}' -H "Cookie: $cookie_a" -H "X-CSRF-Token: $csrf_a" -H "Origin: $origin")
    expect 201 "send a warm word"
  done
  for i in $(seq 1 10); do
    status=$(api POST /api/v1/entries '{"kind":"hope","feelings":[],"body":"a hope to share"}' -H "Cookie: $cookie_a" -H "X-CSRF-Token: $csrf_a" -H "Origin: $origin")
    expect 201 "write an entry"
    entry=$(json entry.id <"$tmp/body")
    status=$(api POST "/api/v1/entries/$entry/shares" "{\"bond_id\":\"$bond\"}" -H "Cookie: $cookie_a" -H "X-CSRF-Token: $csrf_a" -H "Origin: $origin")
    expect 200 "share an entry"
  done
  status=$(api GET /api/v1/notices '' -H "Cookie: $cookie_b")
  expect 200 "read what is new"
fi

# Insights, when this server has them: the bond's balance over the default window of 28 days, from
# what the steps above made (a check-in, 40 warm words, 10 shared entries). Computing five years of
# history is timed apart, by build/bench/insights_bench.
has_insights=0
if "$BIN" routes 2>/dev/null | grep -q '/insights'; then
  has_insights=1
  status=$(api GET "/api/v1/bonds/$bond/insights" '' -H "Cookie: $cookie_a")
  expect 200 "read the bond's insights"
fi

# More reads, each "name|path|cookie|floor|what", measured in the rounds below like the other
# reads; with a floor, its ratio to /healthz gets a verdict, without one it is only reported.
more_reads=()

# A bond's shared entries and writing an entry, when this server has them. In a bond of their own
# (so that Bo's list of what is new and the first bond's insights stay as above), Ann and her
# friend Cy each write entries with two feelings and a few sentences and share them: Cy 20, Ann 10,
# and Ann answers half of Cy's with a response and a note. Ann's first page holds 20 of the 30
# (unsealed, with their feelings, responses and the responses Ann may give) and has a next page.
# Writing: Ann's POST /api/v1/entries of the same shape, among the durable writes below.
has_entries=0
if "$BIN" routes 2>/dev/null | grep -q '/bonds/{id}/entries'; then
  has_entries=1
  sign_up c Cy
  make_bond friend a c
  friends=$made_bond
  status=$(api GET /api/v1/catalog '')
  expect 200 "read the catalog"
  entry_body=$(node -e 'const c = JSON.parse(require("fs").readFileSync(0, "utf8"));
    const word = (id) => c.feelings.families.find((f) => f.id === id).words[0].id;
    process.stdout.write(JSON.stringify({ kind: "feeling", feelings: [{ word: word("calm"), intensity: 3 }, { word: word("hope"), intensity: 2 }],
      body: "Walked home the long way tonight. The air was cool and I thought about the weekend ahead of us." }));' <"$tmp/body")
  for i in $(seq 1 30); do
    who=c
    if [ "$i" -gt 20 ]; then who=a; fi
    cookie_var=cookie_$who csrf_var=csrf_$who
    status=$(api POST /api/v1/entries "$entry_body" -H "Cookie: ${!cookie_var}" -H "X-CSRF-Token: ${!csrf_var}" -H "Origin: $origin")
    expect 201 "write an entry"
    entry=$(json entry.id <"$tmp/body")
    status=$(api POST "/api/v1/entries/$entry/shares" "{\"bond_id\":\"$friends\"}" -H "Cookie: ${!cookie_var}" -H "X-CSRF-Token: ${!csrf_var}" -H "Origin: $origin")
    expect 200 "share an entry"
    if [ "$who" = c ] && [ $((i % 2)) = 0 ]; then
      status=$(api POST "/api/v1/entries/$entry/responses" '{"kind":"hear","body":"I am glad you told me."}' \
        -H "Cookie: $cookie_a" -H "X-CSRF-Token: $csrf_a" -H "Origin: $origin")
      expect 201 "respond to an entry"
    fi
  done
  status=$(api GET "/api/v1/bonds/$friends/entries" '' -H "Cookie: $cookie_a")
  expect 200 "read the bond's shared entries"
  more_reads+=("shared|/api/v1/bonds/$friends/entries|$cookie_a|0.4|GET /api/v1/bonds/{id}/entries (a page of 20 of 30 shared, unsealed, 10 with a response)")
fi
# The reads of separateness, when this server has them: Ann's log of time of her own (20 pieces
# over the window, beside the check-in above), the bond's two needs (both show a result), the
# bond's journey (10 moments and the milestones) and Ann's reflections (one answered). The design
# sets no target for them (only the today view's 0.5), so their floor is empty.
if "$BIN" routes 2>/dev/null | grep -q '/me/own-time'; then
  status=$(api GET /api/v1/catalog '')
  expect 200 "read the catalog"
  needs_body=$(node -e 'const c = JSON.parse(require("fs").readFileSync(0, "utf8"));
    process.stdout.write(JSON.stringify({ answers: Object.fromEntries(c.needs.items.map((item, i) => [item.id, 1 + (i % 7)])) }));' <"$tmp/body")
  for i in $(seq 0 19); do
    day=$(date -u -d "-$((i % 14)) days" +%Y-%m-%d)
    status=$(api POST /api/v1/me/own-time "{\"day\":\"$day\",\"minutes\":$((30 + i)),\"activity\":\"walk\",\"note\":\"a walk by the river\"}" \
      -H "Cookie: $cookie_a" -H "X-CSRF-Token: $csrf_a" -H "Origin: $origin")
    expect 201 "note time of one's own"
  done
  for who in a b; do
    cookie_var=cookie_$who csrf_var=csrf_$who
    status=$(api POST /api/v1/me/needs "$needs_body" -H "Cookie: ${!cookie_var}" -H "X-CSRF-Token: ${!csrf_var}" -H "Origin: $origin")
    expect 201 "take the two needs"
    status=$(api PUT "/api/v1/bonds/$bond/needs" '{"shown":true}' -H "Cookie: ${!cookie_var}" -H "X-CSRF-Token: ${!csrf_var}" -H "Origin: $origin")
    expect 200 "show the two needs"
  done
  for i in $(seq 1 10); do
    status=$(api POST "/api/v1/bonds/$bond/moments" "{\"day\":\"$(date -u +%Y-%m-%d)\",\"kind\":\"high\",\"title\":\"A fine day $i\",\"note\":\"We laughed.\"}" \
      -H "Cookie: $cookie_a" -H "X-CSRF-Token: $csrf_a" -H "Origin: $origin")
    expect 201 "add a moment"
  done
  status=$(api GET /api/v1/reflections '' -H "Cookie: $cookie_a")
  expect 200 "read the reflections"
  question=$(node -e 'process.stdout.write(JSON.parse(require("fs").readFileSync(0, "utf8")).offered.id)' <"$tmp/body")
  status=$(api PUT "/api/v1/reflections/$question/answer" '{"body":"Sunday mornings are mine."}' \
    -H "Cookie: $cookie_a" -H "X-CSRF-Token: $csrf_a" -H "Origin: $origin")
  expect 201 "answer a reflection"
  more_reads+=("own-time|/api/v1/me/own-time|$cookie_a||GET /api/v1/me/own-time (28 days: 20 pieces, their notes unsealed, and a check-in)")
  more_reads+=("needs|/api/v1/bonds/$bond/needs|$cookie_a||GET /api/v1/bonds/{id}/needs (both show a result)")
  more_reads+=("journey|/api/v1/bonds/$bond/moments|$cookie_a||GET /api/v1/bonds/{id}/moments (10 moments unsealed, and the milestones)")
  more_reads+=("reflections|/api/v1/reflections|$cookie_a||GET /api/v1/reflections (the question offered, one answer)")
fi
if "$BIN" routes 2>/dev/null | grep -q '/decks'; then
  # Conversations: both answer eight open prompts of the feelings deck's first level (five reveals
  # open level 2), so the reads show levels, waiting answers and a revealed pair unsealed.
  status=$(api GET /api/v1/catalog '')
  expect 200 "read the catalog"
  prompts=$(node -e 'const c = JSON.parse(require("fs").readFileSync(0, "utf8"));
    const d = c.decks.find((x) => x.id === "feelings");
    process.stdout.write(d.prompts.filter((p) => p.level === 1 && !p.choices && p.kinds.includes("partner")).slice(0, 8).map((p) => p.id).join(" "));' <"$tmp/body")
  for prompt in $prompts; do
    for who in a b; do
      cookie_var=cookie_$who csrf_var=csrf_$who
      status=$(api PUT "/api/v1/bonds/$bond/prompts/$prompt/answer" "{\"body\":\"An answer from $who, a few sentences long, about how it felt then and now.\"}" \
        -H "Cookie: ${!cookie_var}" -H "X-CSRF-Token: ${!csrf_var}" -H "Origin: $origin")
      expect 200 "answer a conversation prompt"
    done
  done
  last_prompt=${prompts##* }
  more_reads+=("decks|/api/v1/bonds/$bond/decks|$cookie_a||GET /api/v1/bonds/{id}/decks (eight decks, 8 revealed, the question of the day)")
  more_reads+=("deck|/api/v1/bonds/$bond/decks/feelings|$cookie_a||GET /api/v1/bonds/{id}/decks/feelings (a deck's prompts and where each stands)")
  more_reads+=("prompt|/api/v1/bonds/$bond/prompts/$last_prompt|$cookie_a||GET /api/v1/bonds/{id}/prompts/{prompt_id} (a revealed pair, both unsealed)")
fi
if "$BIN" routes 2>/dev/null | grep -q '/menus/matches'; then
  # Menus: both open the intimacy menu and answer 40 affection and 40 intimacy items (yes or maybe
  # for three in four, so about half of them match), and one suggests an item of their own.
  status=$(api GET /api/v1/catalog '')
  expect 200 "read the catalog"
  items=$(node -e 'const c = JSON.parse(require("fs").readFileSync(0, "utf8"));
    process.stdout.write(c.menus.flatMap((m) => m.items.filter((i) => i.kinds.includes("partner")).slice(0, 40).map((i) => i.id)).join(" "));' <"$tmp/body")
  for who in a b; do
    cookie_var=cookie_$who csrf_var=csrf_$who
    status=$(api PUT "/api/v1/bonds/$bond/menus/intimacy/opening" '{"opened":true,"adult":true}' \
      -H "Cookie: ${!cookie_var}" -H "X-CSRF-Token: ${!csrf_var}" -H "Origin: $origin")
    expect 200 "open the intimacy menu"
    n=0
    offset=0
    if [ "$who" = b ]; then offset=1; fi
    for item in $items; do
      n=$((n + 1))
      case $(( (n + offset) % 4 )) in 0) answer=no ;; 1) answer=maybe ;; *) answer=yes ;; esac
      status=$(api PUT "/api/v1/bonds/$bond/menus/items/$item" "{\"answer\":\"$answer\"}" \
        -H "Cookie: ${!cookie_var}" -H "X-CSRF-Token: ${!csrf_var}" -H "Origin: $origin")
      expect 200 "answer a menu item"
    done
  done
  status=$(api POST "/api/v1/bonds/$bond/menus/suggestions" '{"menu":"affection","category":"play","text":"Stargazing from the roof"}' \
    -H "Cookie: $cookie_a" -H "X-CSRF-Token: $csrf_a" -H "Origin: $origin")
  expect 201 "suggest a menu item"
  more_reads+=("menus|/api/v1/bonds/$bond/menus|$cookie_a||GET /api/v1/bonds/{id}/menus (both menus, one suggestion)")
  more_reads+=("menu-mine|/api/v1/bonds/$bond/menus/mine|$cookie_a||GET /api/v1/bonds/{id}/menus/mine (80 answers, each unsealed)")
  more_reads+=("matches|/api/v1/bonds/$bond/menus/matches|$cookie_a||GET /api/v1/bonds/{id}/menus/matches (160 answers unsealed, the matches computed)")
fi
# read_field N "a|b|c": the Nth field (from 1) of a more_reads line.
read_field() { cut -d'|' -f"$1" <<<"$2"; }

# ---- 3. /healthz vs the hot authenticated reads -----------------------------------------------
# The endpoints alternate within each round so that drift on a shared machine hits them alike.
# GET /api/v1/me (signed in: the session, cached after the first request) sits between /healthz and the
# hot reads (the bond view, cached too; the today view: one store read), which shows what each step costs.
declare -A runs_rps runs_p50 runs_p99 runs_err
for round in $(seq 1 "$ROUNDS"); do
  log "round $round of $ROUNDS"
  endpoints=(healthz me hot-read)
  if [ "$has_bare" = 1 ]; then endpoints=(bare "${endpoints[@]}"); fi
  if [ "$has_checkins" = 1 ]; then endpoints+=(today); fi
  if [ "$has_notices" = 1 ]; then endpoints+=(notices); fi
  if [ "$has_insights" = 1 ]; then endpoints+=(insights); fi
  for more in "${more_reads[@]}"; do endpoints+=("$(read_field 1 "$more")"); done
  for which in "${endpoints[@]}"; do
    case $which in
      bare) run_wrk bare "$READ_CONNS" "$bare_base/healthz" ;;
      healthz) run_wrk healthz "$READ_CONNS" "$base/healthz" ;;
      me) run_wrk me "$READ_CONNS" "$base/api/v1/me" -H "Cookie: $cookie_a" ;;
      hot-read) run_wrk hot-read "$READ_CONNS" "$hot_url" -H "Cookie: $cookie_a" ;;
      today) run_wrk today "$READ_CONNS" "$today_url" -H "Cookie: $cookie_a" ;;
      notices) run_wrk notices "$READ_CONNS" "$base/api/v1/notices" -H "Cookie: $cookie_b" ;;
      insights) run_wrk insights "$READ_CONNS" "$base/api/v1/bonds/$bond/insights" -H "Cookie: $cookie_a" ;;
      *)
        for more in "${more_reads[@]}"; do
          if [ "$(read_field 1 "$more")" = "$which" ]; then
            run_wrk "$which" "$READ_CONNS" "$base$(read_field 2 "$more")" -H "Cookie: $(read_field 3 "$more")"
          fi
        done ;;
    esac
    runs_rps[$which]+="$rps " runs_p50[$which]+="$p50 " runs_p99[$which]+="$p99 " runs_err[$which]+="$errors "
  done
done
# median_of WHICH: sets m_rps, m_p50, m_p99 from the round with the median throughput, m_err to the
# sum of failed responses over all rounds.
median_of() {
  local -a r a b
  read -r -a r <<<"${runs_rps[$1]}"
  read -r -a a <<<"${runs_p50[$1]}"
  read -r -a b <<<"${runs_p99[$1]}"
  local i
  i=$(for k in "${!r[@]}"; do echo "$k ${r[$k]}"; done | sort -k2 -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
  m_rps=${r[$i]} m_p50=${a[$i]} m_p99=${b[$i]}
  m_err=$(tr ' ' '\n' <<<"${runs_err[$1]}" | awk '{ n += $1 } END { print n + 0 }')
}
median_of healthz
health_rps=$m_rps health_p50=$m_p50 health_p99=$m_p99
if [ "$has_bare" = 1 ]; then
  median_of bare
  bare_rps=$m_rps
  bare_ratio=$(awk -v h="$health_rps" -v b="$bare_rps" 'BEGIN { printf "%.2f", h / b }')
  bare_ratio_ok=$(awk -v r="$bare_ratio" 'BEGIN { print (r >= 0.85) ? 1 : 0 }')
  bare_ratios=$(paste -d' ' <(tr ' ' '\n' <<<"${runs_rps[healthz]}") <(tr ' ' '\n' <<<"${runs_rps[bare]}") |
    awk 'NF == 2 { printf "%s%.2f", sep, $1 / $2; sep = ", " }')
fi
median_of me
me_rps=$m_rps me_p50=$m_p50 me_p99=$m_p99
median_of hot-read
hot_rps=$m_rps hot_p50=$m_p50 hot_p99=$m_p99 hot_errors=$m_err
# ratios WHICH: "0.55, 0.61, 0.58", the endpoint's throughput over /healthz's, round by round.
ratios() {
  paste -d' ' <(tr ' ' '\n' <<<"${runs_rps[$1]}") <(tr ' ' '\n' <<<"${runs_rps[healthz]}") |
    awk 'NF == 2 { printf "%s%.2f", sep, $1 / $2; sep = ", " }'
}
ratio=$(awk -v h="$hot_rps" -v b="$health_rps" 'BEGIN { printf "%.2f", h / b }')
ratio_ok=$(awk -v r="$ratio" 'BEGIN { print (r >= 0.5) ? 1 : 0 }')
round_ratios=$(ratios hot-read)
# against_healthz WHICH PREFIX [FLOOR]: WHICH's median round as PREFIX_rps, PREFIX_p50, PREFIX_p99,
# its failed responses as PREFIX_errors, its throughput over /healthz's as PREFIX_ratio (round by
# round as PREFIX_ratios) and, given a FLOOR, PREFIX_ok: 1 when the ratio reaches it.
against_healthz() {
  median_of "$1"
  local p=$2 r
  r=$(awk -v h="$m_rps" -v b="$health_rps" 'BEGIN { printf "%.2f", h / b }')
  printf -v "${p}_rps" %s "$m_rps"
  printf -v "${p}_p50" %s "$m_p50"
  printf -v "${p}_p99" %s "$m_p99"
  printf -v "${p}_errors" %s "$m_err"
  printf -v "${p}_ratio" %s "$r"
  printf -v "${p}_ratios" %s "$(ratios "$1")"
  if [ -n "${3:-}" ]; then printf -v "${p}_ok" %s "$(awk -v r="$r" -v f="$3" 'BEGIN { print (r >= f) ? 1 : 0 }')"; fi
}
if [ "$has_checkins" = 1 ]; then against_healthz today today 0.5; fi
if [ "$has_notices" = 1 ]; then against_healthz notices notices; fi
if [ "$has_insights" = 1 ]; then against_healthz insights insights 0.3; fi
more_rows="" more_error_list=""
for more in "${more_reads[@]}"; do
  name=$(read_field 1 "$more") floor=$(read_field 4 "$more")
  against_healthz "$name" more $floor
  target="" met=""
  if [ -n "$floor" ]; then target=">= $floor x /healthz" met=$(verdict "$more_ok"); fi
  more_rows+="| $(read_field 5 "$more"), -c$READ_CONNS, median of $ROUNDS | $target | ${more_rps} req/s (p50 ${more_p50} ms, p99 ${more_p99} ms); ratio ${more_ratio} (rounds: ${more_ratios}) | $met |"$'\n'
  more_error_list+=", $name ${more_errors}"
done

# ---- 4. durable writes ------------------------------------------------------------------------
# run_write NAME METHOD PATH BODY: sets w_rps, w_p50, w_p99, w_err, and w_group, the mean number of
# writes per group commit during the run (from /metrics).
run_write() {
  local writes_before commits_before writes commits
  writes_before=$(metric pillars_store_writes_total)
  commits_before=$(metric pillars_store_commits_total)
  PILLARS_METHOD=$2 PILLARS_BODY=$4 PILLARS_COOKIE=$cookie_a PILLARS_CSRF=$csrf_a PILLARS_ORIGIN=$origin \
    run_wrk "$1" "$WRITE_CONNS" "$base$3" -s bench/write.lua
  w_rps=$rps w_p50=$p50 w_p99=$p99 w_err=$errors
  writes=$(($(metric pillars_store_writes_total) - writes_before))
  commits=$(($(metric pillars_store_commits_total) - commits_before))
  w_group=$(awk -v w="$writes" -v c="$commits" 'BEGIN { printf "%.1f", c ? w / c : 0 }')
  w_counts="$writes in $commits commits"
}
run_write patch-me PATCH /api/v1/me '{"display_name":"Ann Bench"}'
write_rps=$w_rps write_p50=$w_p50 write_p99=$w_p99 write_errors=$w_err group=$w_group write_counts=$w_counts
write_ok=$(awk -v r="$write_rps" 'BEGIN { print (r >= 10000) ? 1 : 0 }')
if [ "$has_checkins" = 1 ]; then
  run_write checkin-put PUT "$checkin_path" "$checkin_body"
  put_rps=$w_rps put_p50=$w_p50 put_p99=$w_p99 put_errors=$w_err put_group=$w_group put_counts=$w_counts
  put_ok=$(awk -v r="$put_rps" 'BEGIN { print (r >= 10000) ? 1 : 0 }')
fi
if [ "$has_entries" = 1 ]; then
  # The design gives no number for it; like the check-in PUT it should keep a quarter of /healthz.
  run_write entry-post POST /api/v1/entries "$entry_body"
  post_rps=$w_rps post_p50=$w_p50 post_p99=$w_p99 post_errors=$w_err post_group=$w_group post_counts=$w_counts
  post_ratio=$(awk -v r="$post_rps" -v h="$health_rps" 'BEGIN { printf "%.2f", r / h }')
  post_ok=$(awk -v r="$post_ratio" 'BEGIN { print (r >= 0.25) ? 1 : 0 }')
fi

# ---- 5. p99 at half of peak -------------------------------------------------------------------
# fixed_row WHAT URL PEAK: runs the open-loop generator at half of PEAK and prints a table row.
fixed_row() {
  local what=$1 url=$2 half=$(($3 / 2)) out ok
  log "fixed rate: $half requests/s of $what"
  out=$(node bench/fixed-rate.mjs --url "$url" --rate "$half" --duration "$DURATION" --warmup 2 \
    --header "Cookie: $cookie_a") || log "warning: some fixed-rate requests failed"
  ok=$(awk -v p="$(field p99_ms "$out")" 'BEGIN { print (p != "" && p != "nan" && p + 0 < 10) ? 1 : 0 }')
  echo "| $what at a fixed $half req/s (half of its peak) | p99 < 10 ms |" \
    "p50 $(field p50_ms "$out") ms, p90 $(field p90_ms "$out") ms, **p99 $(field p99_ms "$out") ms**" \
    "(from the due time: p99 $(field p99_due_ms "$out") ms; generator timer lag p99 $(field lag_p99_ms "$out") ms);" \
    "achieved $(field achieved "$out") req/s, $(field errors "$out") failed | $(verdict "$ok") |"
}
fixed_rows=$(fixed_row "GET /api/v1/bonds/{id}" "$hot_url" "$hot_rps")
if [ "$has_checkins" = 1 ]; then
  fixed_rows+=$'\n'$(fixed_row "GET today's check-ins" "$today_url" "$today_rps")
fi

# ---- 6. memory after the load, idle WebSockets, then a clean stop ---------------------------
sleep 2
rss_after=$(rss_kib "$server_pid")
# 20 MB = 20,000,000 bytes = 19,531 KiB
rss_ok=$(awk -v r="$rss_idle" 'BEGIN { print (r < 19531) ? 1 : 0 }')
has_events=0
if "$BIN" routes 2>/dev/null | grep -q '"/api/v1/events"'; then
  has_events=1
  log "idle WebSockets: $WS_COUNT"
  ws=$(node bench/idle-websockets.mjs --url "$base/api/v1/events" --pid "$server_pid" --cookie "$cookie_a" \
    --origin "$origin" --count "$WS_COUNT" --hold 5)
  ws_per=$(field per_socket_kib "$ws")
  ws_ok=$(awk -v k="$ws_per" 'BEGIN { print (k != "" && k != "NaN" && k + 0 < 16) ? 1 : 0 }')
  sleep 1
  rss_after_ws=$(rss_kib "$server_pid")
fi
stop_rc=0
stop_started=$(date +%s%N)
stop_server || stop_rc=$?
stop_ms=$((($(date +%s%N) - stop_started) / 1000000))

# ---- 7. web bundle ----------------------------------------------------------------------------
# What a first visit loads, gzipped (web/scripts/size.mjs); the other screens' files come later.
bundle="not built (web/dist is missing)"
bundle_ok=""
if [ -f web/dist/index.html ]; then
  sizes=$(node web/scripts/size.mjs --json)
  bytes=$(node -e 'console.log(JSON.parse(process.argv[1]).first)' "$sizes")
  total=$(node -e 'const s = JSON.parse(process.argv[1]); console.log(`${(s.total / 1000).toFixed(1)} KB in ${s.files} files`)' "$sizes")
  bundle="$(awk -v b="$bytes" 'BEGIN { printf "%.1f KB", b / 1000 }') ($bytes bytes); all screens ${total}"
  bundle_ok=$(verdict "$([ "$bytes" -lt 100000 ] && echo 1 || echo 0)")
fi

# ---- 8. the store's group commit, without HTTP ------------------------------------------------
store_table=""
if [ -x "$STORE_BENCH" ]; then
  log "store micro-benchmark: $STORE_BENCH"
  store_table=$(cd "$tmp" && TMPDIR="$tmp" "$STORE_BENCH" --benchmark_min_time=2 2>/dev/null | grep -E '^(Benchmark|BM_)' || true)
fi

# ---- 9. your data: export, import and leaving on a long history ------------------------------
# A server of its own (the one above has stopped): the demo plus 3,000 entries of Ada's.
ownership=""
if "$BIN" routes 2>/dev/null | grep -q '/api/v1/me/export'; then
  log "export, import and leaving (bench/ownership.mjs)"
  ownership=$(node bench/ownership.mjs --bin "$BIN" --dir "$tmp/ownership" --entries 3000 --runs 5)
fi

read -r busy_end steal_end < <(cpu_busy)
run_seconds=$((($(date +%s%N) - run_started) / 1000000000))
times >"$tmp/times"  # this shell and its waited-for children: the server, wrk, node, curl
ticks=$(getconf CLK_TCK)
machine_cpu=$(awk -v b=$((busy_end - busy_start)) -v hz="$ticks" 'BEGIN { printf "%.0f", b / hz }')
our_cpu=$(awk '{ for (i = 1; i <= 2; i++) { split($i, t, /[ms]/); s += t[1] * 60 + t[2] } } END { printf "%.0f", s }' "$tmp/times")
steal_cpu=$(awk -v s=$((steal_end - steal_start)) -v hz="$ticks" 'BEGIN { printf "%.0f", s / hz }')

start_ok=$(awk -v s="$fresh_ms" 'BEGIN { print (s < 100) ? 1 : 0 }')
revision=$(git rev-parse --short HEAD 2>/dev/null || echo "not a git checkout")
if [ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]; then revision+=" with uncommitted changes"; fi
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)

# ---- summary ----------------------------------------------------------------------------------
rows=()
row() { rows+=("| $1 | $2 | $3 | $4 |"); }
row "Start to ready (exec to first 200 from /readyz), median of $STARTS" "< 100 ms" \
  "**${fresh_ms} ms** on an empty data folder (max ${fresh_max}); ${restart_ms} ms on a restart (max ${restart_max})" \
  "$(verdict "$start_ok")"
mb() { awk -v k="$1" 'BEGIN { printf "%.1f MB", k * 1.024 / 1000 }'; }
row "Idle RSS (VmRSS) 1 s after ready" "< 20 MB" "**$(mb "$rss_idle")** (${rss_idle} KiB)" "$(verdict "$rss_ok")"
row "Idle RSS 2 s after the load above" "" "$(mb "$rss_after") (${rss_after} KiB)" ""
row "GET /healthz, -c$READ_CONNS, median of $ROUNDS" "" "${health_rps} req/s (p50 ${health_p50} ms, p99 ${health_p99} ms)" ""
if [ "$has_bare" = 1 ]; then
  row "GET /healthz against a bare Beast server of the same shape (${bare_rps} req/s), same rounds" ">= 0.85 x bare" \
    "**ratio ${bare_ratio}** (rounds: ${bare_ratios})" "$(verdict "$bare_ratio_ok")"
fi
row "GET /api/v1/me signed in (session check), -c$READ_CONNS, median of $ROUNDS" "" \
  "${me_rps} req/s (p50 ${me_p50} ms, p99 ${me_p99} ms)" ""
row "GET /api/v1/bonds/{id} signed in (session and membership checks), -c$READ_CONNS, median of $ROUNDS" ">= 0.5 x /healthz" \
  "${hot_rps} req/s (p50 ${hot_p50} ms, p99 ${hot_p99} ms); **ratio ${ratio}** (rounds: ${round_ratios})" \
  "$(verdict "$ratio_ok")"
if [ "$has_checkins" = 1 ]; then
  row "GET /api/v1/bonds/{id}/checkins/{today} (the today view), -c$READ_CONNS, median of $ROUNDS" ">= 0.5 x /healthz" \
    "${today_rps} req/s (p50 ${today_p50} ms, p99 ${today_p99} ms); **ratio ${today_ratio}** (rounds: ${today_ratios})" \
    "$(verdict "$today_ok")"
fi
if [ "$has_notices" = 1 ]; then
  row "GET /api/v1/notices (what is new: 51 notices, 50 shown), -c$READ_CONNS, median of $ROUNDS" "" \
    "${notices_rps} req/s (p50 ${notices_p50} ms, p99 ${notices_p99} ms); ratio ${notices_ratio} (rounds: ${notices_ratios})" ""
fi
if [ "$has_insights" = 1 ]; then
  row "GET /api/v1/bonds/{id}/insights (28 days), -c$READ_CONNS, median of $ROUNDS" ">= 0.3 x /healthz" \
    "${insights_rps} req/s (p50 ${insights_p50} ms, p99 ${insights_p99} ms); **ratio ${insights_ratio}** (rounds: ${insights_ratios})" \
    "$(verdict "$insights_ok")"
fi
row "Durable write: PATCH /api/v1/me, -c$WRITE_CONNS" "10,000/s" \
  "**${write_rps} req/s** (p50 ${write_p50} ms, p99 ${write_p99} ms); mean group ${group} writes per commit" \
  "$(verdict "$write_ok")"
if [ "$has_checkins" = 1 ]; then
  row "Durable write: PUT /api/v1/bonds/{id}/checkins/{today}, -c$WRITE_CONNS" "10,000/s" \
    "**${put_rps} req/s** (p50 ${put_p50} ms, p99 ${put_p99} ms); mean group ${put_group} writes per commit" \
    "$(verdict "$put_ok")"
fi
if [ "$has_entries" = 1 ]; then
  row "Durable write: POST /api/v1/entries (two feelings, a few sentences), -c$WRITE_CONNS" ">= 0.25 x /healthz" \
    "${post_rps} req/s (p50 ${post_p50} ms, p99 ${post_p99} ms); **ratio ${post_ratio}**; mean group ${post_group} writes per commit" \
    "$(verdict "$post_ok")"
fi
while IFS= read -r line; do [ -n "$line" ] && rows+=("$line"); done <<<"$more_rows"
while IFS= read -r line; do rows+=("$line"); done <<<"$fixed_rows"
if [ "$has_events" = 1 ]; then
  row "Idle WebSockets (GET /api/v1/events), $(field open "$ws") of $WS_COUNT open, $(field failed "$ws") failed" \
    "< 16 KiB each" \
    "**${ws_per} KiB each** (RSS $(field rss_before_kib "$ws") -> $(field rss_open_kib "$ws") KiB; $(field rss_closed_kib "$ws") KiB 2 s after they closed, ${rss_after_ws} KiB at the end)" \
    "$(verdict "$ws_ok")"
fi
row "Web app first load, JS + CSS gzipped" "< 100 KB" "${bundle}" "${bundle_ok}"
if [ -n "$ownership" ]; then
  # own KIND KEY: the KEY= value of ownership.mjs's line that starts with KIND.
  own() { field "$2" "$(grep "^$1 " <<<"$ownership")"; }
  row "GET /api/v1/me/export, $(own export entries) entries and ten weeks of a bond, median of $(own export runs)" "" \
    "first byte $(own export first_byte_median_ms) ms, **last byte $(own export total_median_ms) ms** (max $(own export total_max_ms)); zip $(own export zip_bytes) bytes; server RSS grew at most $(own export rss_growth_max_kib) KiB" ""
  row "GET /api/v1/me as the other member while exports run back to back" "" \
    "p50 $(own others p50_during_ms) ms, p99 $(own others p99_during_ms) ms ($(own others requests_during_exports) requests; quiet: p50 $(own others p50_quiet_ms) ms, p99 $(own others p99_quiet_ms) ms)" ""
  row "\`pillars export\` of the same, the server running, median of $(own cli_export runs)" "" "$(own cli_export median_ms) ms (max $(own cli_export max_ms))" ""
  row "POST /api/v1/me/import of that zip into a fresh account, median of $(own import runs)" "" "$(own import median_ms) ms (max $(own import max_ms))" ""
  row "DELETE /api/v1/me with $(own delete entries) entries, median of $(own delete runs)" "" \
    "$(own delete median_ms) ms (max $(own delete max_ms)); with a bond and ten weeks in it: $(own delete with_bond_ms) ms" ""
fi

extra_rounds="" extra_errors="" extra_counts=""
if [ "$has_checkins" = 1 ]; then
  extra_rounds="; today view ${runs_rps[today]% }"
  extra_errors=", today view ${today_errors}, check-in PUT ${put_errors}"
  extra_counts="; check-in PUT ${put_counts}"
fi
if [ "$has_notices" = 1 ]; then
  extra_rounds+="; notices ${runs_rps[notices]% }"
  extra_errors+=", notices ${notices_errors}"
fi
if [ "$has_insights" = 1 ]; then
  extra_rounds+="; insights ${runs_rps[insights]% }"
  extra_errors+=", insights ${insights_errors}"
fi
if [ "$has_entries" = 1 ]; then
  extra_errors+=", entry POST ${post_errors}"
  extra_counts+="; entry POST ${post_counts}"
fi
for more in "${more_reads[@]}"; do
  name=$(read_field 1 "$more")
  extra_rounds+="; $name ${runs_rps[$name]% }"
done
extra_errors+="${more_error_list:-}"

cat <<EOF
## Pillars benchmark results

$(date -u +%Y-%m-%dT%H:%M:%SZ) on $cores cores ($cpu), $(uname -sr).
Other work on the machine: CPU ${idle_before}% idle just before the run. During the ${run_seconds} s run the machine was busy for ${machine_cpu} CPU-seconds and this run's processes used ${our_cpu} (the two agree within a few percent when nothing else runs; a busy figure well above ours means other work ran alongside); the hypervisor stole ${steal_cpu} s.
Data folder on ${data_fs}. Server: \`$BIN_NAME\` ($("$BIN" version 2>/dev/null || echo unknown), built $(date -u -r "$BIN_NAME" +%Y-%m-%dT%H:%M:%SZ)) at revision ${revision}; wrk -t$WRK_THREADS, ${DURATION}s per run.

| Measure | Target | Result | |
|---|---|---|---|
$(printf '%s\n' "${rows[@]}")

Rounds (req/s): /healthz ${runs_rps[healthz]% }; /api/v1/me ${runs_rps[me]% }; /api/v1/bonds/{id} ${runs_rps[hot-read]% }${extra_rounds}.
Failed or non-2xx responses: /api/v1/bonds/{id} ${hot_errors}, PATCH ${write_errors}${extra_errors}.
Writes counted by the store: PATCH ${write_counts}${extra_counts}.
SIGTERM to exit: ${stop_ms} ms, exit status ${stop_rc}.
EOF
if [ -n "$store_table" ]; then
  printf '\nStore group commit (`%s --benchmark_min_time=2`):\n\n```\n%s\n```\n' "$STORE_BENCH_NAME" "$store_table"
fi
