#!/usr/bin/env bash
# The Debian package, end to end: built by CPack from an already-built tree, its metadata and
# contents read back with dpkg-deb, the program run from an extracted copy (version, then serve
# with the shipped settings), and the service unit checked by systemd-analyze: it must verify
# cleanly and its exposure score must stay within the one docs/operations.md states.
#
# usage: tests/package/package.sh BUILD_DIR   (run from the source folder; needs no network)
set -euo pipefail

build=$(cd "${1:?usage: package.sh BUILD_DIR}" && pwd)
src=$(cd "$(dirname "$0")/../.." && pwd)
version=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$build/CMakeCache.txt")
work=$(mktemp -d "${TMPDIR:-/tmp}/pillars-package.XXXXXX")
server=""
cleanup() {
  if [ -n "$server" ]; then kill -9 "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

failures=0
ok() { echo "ok - $*"; }
fail() { echo "not ok - $*"; failures=$((failures + 1)); }
check() {  # check DESCRIPTION COMMAND...: passes when the command succeeds
  local what=$1; shift
  if "$@"; then ok "$what"; else fail "$what"; fi
}
has_line() { grep -qxF -- "$2" <<<"$1"; }
matches() { grep -qE -- "$2" <<<"$1"; }

# ---- build -----------------------------------------------------------------------------------
started=$(date +%s)
if ! cpack --config "$build/CPackConfig.cmake" -B "$work/out" >"$work/cpack.log" 2>&1; then
  cat "$work/cpack.log"
  echo "not ok - cpack failed"
  exit 1
fi
deb=$(find "$work/out" -maxdepth 1 -name 'pillars_*.deb')
check "one .deb named pillars_${version}_<arch>.deb" test "$(basename "$deb")" = "pillars_${version}_$(dpkg --print-architecture).deb"
echo "# built $(basename "$deb") ($(du -k "$deb" | cut -f1) KiB) in $(($(date +%s) - started)) s"

# ---- metadata ----------------------------------------------------------------------------------
info=$(dpkg-deb -I "$deb")
field() { dpkg-deb -f "$deb" "$1"; }
check "Package is pillars" test "$(field Package)" = pillars
check "Version is the project's ($version)" test "$(field Version)" = "$version"
check "Architecture is this machine's" test "$(field Architecture)" = "$(dpkg --print-architecture)"
depends=$(field Depends)
depends_on() { tr ',' '\n' <<<"$depends" | sed -E 's/^ +//; s/ .*//' | grep -qxF -- "$1"; }
echo "# Depends: $depends"
for package in libc6 libstdc++6 libsqlite3-0 libsodium23 libjemalloc2 libcurl4 libarchive13 libfmt9 libspdlog1.10-fmt9 \
  libboost-json1.81.0 libboost-url1.81.0 adduser init-system-helpers; do
  check "Depends names $package" depends_on "$package"
done
check "Depends carries versions from the shared libraries" matches "$depends" 'libc6 \(>= [0-9.]+\)'
for script in postinst prerm postrm conffiles; do
  check "control archive has $script" matches "$info" "^ +[0-9]+ bytes, +[0-9]+ lines +\*? *$script( |$)"
done

mkdir "$work/control"
dpkg-deb -e "$deb" "$work/control"
check "conffiles is exactly /etc/pillars/pillars.toml" test "$(cat "$work/control/conffiles")" = /etc/pillars/pillars.toml
for script in postinst prerm postrm; do
  check "$script is executable" test -x "$work/control/$script"
  check "$script is valid sh" sh -n "$work/control/$script"
  check "$script is the one in packaging/debian" cmp -s "$work/control/$script" "$src/packaging/debian/$script"
done
postinst=$(cat "$work/control/postinst")
check "postinst makes a system user" matches "$postinst" 'adduser --system .*pillars'
check "postinst makes a system group" matches "$postinst" 'addgroup --system .*pillars'
check "postinst makes /var/lib/pillars owned by pillars, mode 0750" \
  bash -c 'grep -q "chown pillars:pillars /var/lib/pillars" <<<"$1" && grep -q "chmod 0750 /var/lib/pillars" <<<"$1"' _ "$postinst"
check "postinst enables the service" matches "$postinst" "deb-systemd-helper enable 'pillars.service'"
check "postinst starts it only when systemd runs" matches "$postinst" 'if \[ -d /run/systemd/system \]'
check "postinst starts it (restarts after an upgrade)" matches "$postinst" 'deb-systemd-invoke "\$action"'
check "prerm stops the service" matches "$(cat "$work/control/prerm")" "deb-systemd-invoke stop 'pillars.service'"
postrm=$(cat "$work/control/postrm")
check "postrm purges the settings" matches "$postrm" 'rm -f /etc/pillars/pillars.toml'
check "postrm never deletes the data folder" bash -c '! grep -vE "^\s*#" <<<"$1" | grep -q "/var/lib"' _ "$postrm"

# The scripts run for real, with every command they call replaced by a stub that only notes its
# arguments (PATH holds nothing else, so nothing on this machine changes): a first install, a
# remove and a purge, on a machine not run by systemd, as in CI.
stubs="$work/stubs"
mkdir "$stubs"
for command in getent addgroup adduser mkdir chown chmod dpkg-statoverride deb-systemd-helper \
  deb-systemd-invoke systemctl rm rmdir; do
  printf '#!/bin/sh\necho "%s $*" >>"%s"\n' "$command" "$work/calls" >"$stubs/$command"
  # getent and dpkg-statoverride find nothing: the user does not exist yet, no override is set.
  case $command in getent|dpkg-statoverride) echo 'exit 2' >>"$stubs/$command" ;; esac
  chmod +x "$stubs/$command"
done
run_script() {  # run_script NAME ARGS...: prints the commands it called
  : >"$work/calls"
  PATH="$stubs" /bin/sh "$work/control/$1" "${@:2}" >/dev/null 2>&1 && cat "$work/calls"
}
if calls=$(run_script postinst configure); then
  ok "postinst configure runs"
  for call in "addgroup --system --quiet pillars" \
    "adduser --system --quiet --ingroup pillars --home /var/lib/pillars --no-create-home --shell /usr/sbin/nologin --gecos Pillars server pillars" \
    "mkdir -p /var/lib/pillars" "chown pillars:pillars /var/lib/pillars" "chmod 0750 /var/lib/pillars" \
    "deb-systemd-helper unmask pillars.service" "deb-systemd-helper enable pillars.service"; do
    check "postinst configure calls: $call" has_line "$calls" "$call"
  done
  if [ ! -d /run/systemd/system ]; then
    check "postinst starts nothing when systemd does not run" bash -c '! grep -q "^deb-systemd-invoke\|^systemctl" <<<"$1"' _ "$calls"
  fi
else
  fail "postinst configure runs"
fi
if calls=$(run_script prerm remove); then
  ok "prerm remove runs"
  [ -d /run/systemd/system ] || check "prerm calls nothing without systemd" test -z "$calls"
else
  fail "prerm remove runs"
fi
if calls=$(run_script postrm remove); then
  check "postrm remove masks the unit" has_line "$calls" "deb-systemd-helper mask pillars.service"
else
  fail "postrm remove runs"
fi
if calls=$(run_script postrm purge); then
  check "postrm purge forgets the unit" has_line "$calls" "deb-systemd-helper purge pillars.service"
  check "postrm purge removes the settings" has_line "$calls" "rm -f /etc/pillars/pillars.toml /etc/pillars/pillars.toml.dpkg-*"
  check "postrm purge touches nothing in /var/lib/pillars" bash -c '! grep -q /var/lib <<<"$1"' _ "$calls"
  check "postrm purge deletes no user" bash -c '! grep -q "^deluser\|^userdel" <<<"$1"' _ "$calls"
else
  fail "postrm purge runs"
fi

# ---- contents ----------------------------------------------------------------------------------
contents=$(dpkg-deb -c "$deb")
entry() { awk -v p="$1" '$6 == p { print $1, $2 }' <<<"$contents"; }
check "/usr/bin/pillars, root-owned, 0755" test "$(entry ./usr/bin/pillars)" = "-rwxr-xr-x root/root"
check "the unit in /lib/systemd/system, 0644" test "$(entry ./lib/systemd/system/pillars.service)" = "-rw-r--r-- root/root"
check "/etc/pillars/pillars.toml, 0644 in the archive" test "$(entry ./etc/pillars/pillars.toml)" = "-rw-r--r-- root/root"
check "the proxy examples are in the docs folder" bash -c \
  'grep -q "usr/share/doc/pillars/Caddyfile$" <<<"$1" && grep -q "usr/share/doc/pillars/pillars.conf$" <<<"$1"' _ "$contents"
files=$(awk '$1 !~ /^d/ { print $6 }' <<<"$contents" | sort)
expected=$(printf '%s\n' ./etc/pillars/pillars.toml ./lib/systemd/system/pillars.service ./usr/bin/pillars \
  ./usr/share/doc/pillars/Caddyfile ./usr/share/doc/pillars/operations.md ./usr/share/doc/pillars/ownership.md \
  ./usr/share/doc/pillars/pillars.conf | sort)
check "nothing else is packaged (no tests, no benchmarks)" test "$files" = "$expected"

root="$work/root"
dpkg-deb -x "$deb" "$root"
check "the unit is packaging/pillars.service" cmp -s "$root/lib/systemd/system/pillars.service" "$src/packaging/pillars.service"
check "the settings are packaging/pillars.toml" cmp -s "$root/etc/pillars/pillars.toml" "$src/packaging/pillars.toml"
check "the program is stripped (no debug sections)" bash -c '! readelf -S "$1" | grep -q "\.debug_info"' _ "$root/usr/bin/pillars"

# ---- the program, from the extracted package -----------------------------------------------------
bin="$root/usr/bin/pillars"
check "pillars version prints $version" test "$("$bin" version)" = "pillars $version"

toml="$root/etc/pillars/pillars.toml"
unit="$root/lib/systemd/system/pillars.service"
check "the unit runs serve with the shipped settings" \
  has_line "$(cat "$unit")" "ExecStart=/usr/bin/pillars --config /etc/pillars/pillars.toml serve"
check "the settings listen on 127.0.0.1:8080" has_line "$(cat "$toml")" 'listen = "127.0.0.1:8080"'
check "the settings keep data in /var/lib/pillars" has_line "$(cat "$toml")" 'data = "/var/lib/pillars"'
check "public-url is there, commented out" matches "$(cat "$toml")" '^# public-url = "https://'
check "the metrics listener is there, commented out" matches "$(cat "$toml")" '^# metrics-listen = '
check "SMTP is there, commented out" matches "$(cat "$toml")" '^# smtp-url = '
# The server ignores keys it does not know, so a misspelt one would pass silently: every key in the
# file, commented or not, must be a flag of `pillars serve`.
help=$("$bin" serve --help)
keys=$(sed -nE 's/^#? ?([a-z][a-z-]*) = .*/\1/p' "$toml")
check "the settings name at least eight keys" test "$(wc -l <<<"$keys")" -ge 8
for key in $keys; do
  check "setting $key is a flag of pillars serve" matches "$help" "--$key( |,|$)"
done

mkdir -m 0700 "$work/data"
"$bin" --config "$toml" serve --listen 127.0.0.1:0 --data "$work/data" </dev/null >"$work/stdout" 2>"$work/stderr" &
server=$!
port=""
for _ in $(seq 100); do
  port=$(sed -nE 's|^pillars listening on http://127\.0\.0\.1:([0-9]+)$|\1|p' "$work/stdout")
  [ -n "$port" ] && break
  kill -0 "$server" 2>/dev/null || break
  sleep 0.1
done
if [ -z "$port" ]; then
  fail "the packaged server starts with the shipped settings"
  cat "$work/stderr"
else
  ok "the packaged server starts with the shipped settings (port $port)"
  status() { curl -s -o "$work/body" -w '%{http_code} %{content_type}' --max-time 5 "http://127.0.0.1:$port$1"; }
  check "/healthz answers 200" test "$(status /healthz | cut -d' ' -f1)" = 200
  index=$(status /)
  check "the embedded web app's index answers 200 text/html ($index)" matches "$index" '^200 text/html'
  check "the index loads the built web app" grep -q '<script type="module"[^>]* src="/assets/index-' "$work/body"
  check "the database is in the given data folder" test -f "$work/data/pillars.db"
  kill -TERM "$server"
  code=0
  wait "$server" || code=$?
  server=""
  check "it stops cleanly on SIGTERM (exit $code)" test "$code" = 0
fi

# ---- the unit ------------------------------------------------------------------------------------
# verify looks for ExecStart's program on this machine: check a copy that points into the package.
mkdir "$work/unit"
sed "s|^ExecStart=/usr/bin/pillars |ExecStart=$bin |" "$unit" >"$work/unit/pillars.service"
verify=$(systemd-analyze verify "$work/unit/pillars.service" 2>&1) && code=0 || code=$?
check "systemd-analyze verify accepts the unit, silently (exit $code) ${verify}" test "$code" = 0 -a -z "$verify"
for line in "User=pillars" "Group=pillars" "ProtectSystem=strict" "ProtectHome=yes" "NoNewPrivileges=yes" \
  "PrivateTmp=yes" "PrivateDevices=yes" "ProtectProc=invisible" "ProcSubset=pid" "CapabilityBoundingSet=" \
  "AmbientCapabilities=" "ReadWritePaths=/var/lib/pillars" "UMask=0077" "Restart=on-failure" \
  "RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX" "SystemCallFilter=@system-service" "SystemCallArchitectures=native"; do
  check "the unit says $line" has_line "$(cat "$unit")" "$line"
done
check "ReadWritePaths names only the data folder" test "$(grep -c '^ReadWritePaths=' "$unit")" = 1

documented=$(sed -nE 's/.*exposure level of \*\*([0-9]+\.[0-9])\*\*.*/\1/p' "$src/docs/operations.md" | head -1)
security=$(systemd-analyze security --offline=true "$unit" 2>&1 || true)
score=$(sed -nE 's/.*Overall exposure level for pillars\.service: ([0-9]+\.[0-9]+).*/\1/p' <<<"$security")
if [ -z "$documented" ] || [ -z "$score" ]; then
  fail "exposure score read (documented '${documented}', measured '${score}')"
else
  check "exposure score $score is at most the documented $documented + 0.2" \
    awk -v s="$score" -v d="$documented" 'BEGIN { exit !(s <= d + 0.2) }'
fi

if [ "$failures" -gt 0 ]; then
  echo "# $failures check(s) failed"
  exit 1
fi
echo "# all checks passed"
