#!/usr/bin/env bash
# Installs what building, running and testing need, idempotently: Debian packages (only those missing) and,
# when web/ has a lockfile, the front end's npm packages. Safe to run any number of times.
set -euo pipefail

packages=(
  build-essential cmake pkg-config git ca-certificates curl procps
  libboost1.81-all-dev libboost-json1.81-dev libboost-url1.81-dev
  libsqlite3-dev sqlite3 zlib1g-dev libsodium-dev libssl-dev libspdlog-dev libfmt-dev libcli11-dev
  libgtest-dev libgmock-dev libbenchmark-dev wrk libjemalloc-dev
  clang libclang-rt-14-dev llvm-14
  libpq-dev postgresql redis-server libhiredis-dev default-jre-headless
  nodejs npm chromium
)

missing=()
for p in "${packages[@]}"; do
  # A package already installed (or a command that stands in for it, like the machine's own node) is kept.
  case "$p" in
    nodejs) command -v node >/dev/null 2>&1 && continue ;;
    npm) command -v npm >/dev/null 2>&1 && continue ;;
    default-jre-headless) command -v java >/dev/null 2>&1 && continue ;;
  esac
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm packages: the web app (issue 3), the test engines (dynalite, cognito-local) and the API tests' OpenAPI
# check (ajv, yaml, an OpenAPI 3.1 validator) keep lockfiles.
for dir in web tests/engines tests/api; do
  if [ -f "$dir/package-lock.json" ]; then
    stamp="$dir/node_modules/.install-stamp"
    if [ ! -f "$stamp" ] || [ "$dir/package-lock.json" -nt "$stamp" ]; then
      (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
      touch "$stamp"
    fi
  fi
done
