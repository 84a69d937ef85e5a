#!/usr/bin/env bash
# Installs what building, running and testing Pillars needs, and nothing that is already there.
# Debian 12: system packages through apt-get (with sudo when not root), web packages through npm ci.
# FUZZ=1 adds the libFuzzer toolchain (clang-16 with libc++ and its sanitizer runtimes), for `make fuzz`.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  g++ cmake ninja-build pkg-config make
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsqlite3-dev sqlite3 libpq-dev libsodium-dev libjemalloc-dev libspdlog-dev libfmt-dev libcli11-dev libtomlplusplus-dev
  libcurl4-openssl-dev libssl-dev libarchive-dev libhowardhinnant-date-dev tzdata
  libgtest-dev libgmock-dev libbenchmark-dev
  nodejs chromium
)
# The package and its tests (make package, make test; tests/package, tests/proxy): building the
# .deb, checking the unit, and the TLS proxies the operator's guide shows. Not for `make run`.
packaging=(dpkg-dev systemd curl openssl nginx caddy)
if [ "${PILLARS_PACKAGING_DEPS:-}" = 1 ]; then
  packages+=("${packaging[@]}")
fi
# The API tests' second run, on PostgreSQL (make test, make api): the server, for the throwaway
# cluster tests/tools/pg-cluster.sh starts. Not for building or `make run`.
if [ "${PILLARS_POSTGRES_DEPS:-}" = 1 ]; then
  packages+=(postgresql-15)
fi
if [ "${FUZZ:-}" = 1 ]; then
  packages+=(clang-16 llvm-16 libc++-16-dev libc++abi-16-dev libclang-rt-16-dev)
fi
if [ "${PILLARS_SKIP_BROWSER:-}" = 1 ]; then
  packages=("${packages[@]/chromium}")
fi

missing=()
for p in "${packages[@]}"; do
  [ -n "$p" ] || continue
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
# npm ships inside the nodejs package of some distributions; ask apt for it only when absent.
if ! command -v npm >/dev/null 2>&1; then missing+=(npm); fi

if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -q
  $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
  # The tests start their own proxies on free ports, and their own PostgreSQL cluster on a
  # socket of its own; the services a package may have just started (the proxies on ports 80 and
  # 443, Debian's default cluster on 5432) are stopped and left disabled.
  if [ -d /run/systemd/system ]; then
    for service in nginx caddy postgresql; do
      if printf '%s\n' "${missing[@]}" | grep -qx "$service\(-[0-9]*\)\?"; then
        $sudo systemctl disable --now "$service" >/dev/null 2>&1 || true
      fi
    done
  fi
fi

# Web and test packages: reinstall a folder's packages only when its lock file changed.
for dir in web tests/api tests/e2e; do
  [ -f "$dir/package-lock.json" ] || continue
  stamp="$dir/node_modules/.pillars-lock"
  if [ ! -f "$stamp" ] || ! cmp -s "$dir/package-lock.json" "$stamp"; then
    (cd "$dir" && npm ci --no-audit --no-fund)
    mkdir -p "$dir/node_modules" && cp "$dir/package-lock.json" "$stamp"
  fi
done
