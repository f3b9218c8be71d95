#!/usr/bin/env bash
# The web app's tests: Vitest component tests, then end-to-end tests in Debian's headless Chromium
# (playwright-core, no browser download) against the real server: ${CRUDDUR_BINARY:-build/cruddur} started
# on a free 127.0.0.1 port with a temporary --data dir and --web-root web/dist, stopped by its PID at the end.
# Screenshots go to test-output/screenshots/, the server's log to test-output/web-e2e-server.log.
# e2e/cognito.test.js starts its own `$CRUDDUR_BINARY serve --auth cognito` against cognito-local
# (tests/engines/start-cognito-local.sh; needs tests/engines/node_modules, see scripts/install-deps.sh).
# Exits non-zero when any test fails; the last lines are node's test runner summary (# pass N / # fail N).
set -uo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"

binary="${CRUDDUR_BINARY:-build/cruddur}"
case "$binary" in /*) ;; *) binary="$repo/$binary" ;; esac

bash scripts/web-build.sh || exit 1

echo "== web: component tests (vitest)"
(cd web && node_modules/.bin/vitest run --reporter=default)
vitest_status=$?

echo "== web: end-to-end tests (playwright-core + /usr/bin/chromium) against $binary"
if [ ! -x "$binary" ]; then
  echo "web-test: $binary not found; build it first (make build)" >&2
  exit 1
fi
if [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
  echo "web-test: ${CHROMIUM:-/usr/bin/chromium} not found; run scripts/install-deps.sh" >&2
  exit 1
fi

mkdir -p test-output/screenshots
log="$repo/test-output/web-e2e-server.log"
data="$(mktemp -d -t cruddur-web-e2e.XXXXXX)"
port="$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"

"$binary" serve --listen "127.0.0.1:$port" --data "$data" --web-root "$repo/web/dist" --signin-rate 0 --signin-failures 0 >"$log" 2>&1 &
server_pid=$!
stop_server() {
  if kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null
    for _ in $(seq 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$server_pid" 2>/dev/null
  fi
  { wait "$server_pid"; } 2>/dev/null # no "Terminated"/"Aborted" job notice after the summary
  rm -rf "$data"
}
trap stop_server EXIT

url="http://127.0.0.1:$port"
for _ in $(seq 100); do
  curl -fsS "$url/api/health" >/dev/null 2>&1 && break
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "web-test: the server exited; its log ($log):" >&2
    tail -n 30 "$log" >&2
    exit 1
  fi
  sleep 0.1
done
if ! curl -fsS "$url/api/health" >/dev/null 2>&1; then
  echo "web-test: the server did not answer /api/health on $url within 10 s; log: $log" >&2
  exit 1
fi
echo "web-test: server pid $server_pid on $url (log: $log)"

e2e_out="$repo/test-output/web-e2e.tap"
(cd web && CRUDDUR_URL="$url" CRUDDUR_BINARY="$binary" node --test --test-concurrency=1 --test-reporter=tap e2e/) 2>&1 | tee "$e2e_out"
e2e_status=${PIPESTATUS[0]}

if ! kill -0 "$server_pid" 2>/dev/null; then
  # The server died under the tests: say so, with its log, then repeat the runner's summary last.
  e2e_status=1
  echo "web-test: the server (pid $server_pid) died during the tests; the end of its log ($log):"
  tail -n 20 "$log" | sed 's/^/    /'
  grep -E '^# (tests|suites|pass|fail|cancelled|skipped|todo|duration_ms) ' "$e2e_out" | tail -n 8
fi

[ "$vitest_status" -eq 0 ] && [ "$e2e_status" -eq 0 ]
