#!/usr/bin/env bash
# Sign-in under a flood (issue 11): 100 parallel wrong sign-ins, from 100 loopback addresses (127.0.1.x,
# so the per-address throttle does not simply refuse them) or from one (FROM_ONE=1), while a legitimate
# user signs in from 127.0.0.1. Prints that sign-in's time and answer, the flood's answers, and the
# server's peak RSS (VmHWM). Numbers for the report; nothing is asserted.
#   bench/signin_flood.sh [build/cruddur]
set -euo pipefail
BIN=${1:-build/cruddur}
DATA=$(mktemp -d)
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null; rm -rf "$DATA"' EXIT
PORT=$(bash "$(dirname "$0")/../tests/engines/free-port.sh")
"$BIN" serve --listen 127.0.0.1:$PORT --data "$DATA" --signin-failures 0 >"$DATA/log" 2>&1 &
PID=$!
URL=http://127.0.0.1:$PORT
for _ in $(seq 100); do curl -sf "$URL/api/health" >/dev/null && break; sleep 0.1; done
curl -sf "$URL/api/auth/signup" -H 'Content-Type: application/json' \
  -d '{"display_name":"Legit","handle":"legit","email":"legit@example.com","password":"correct horse battery"}' >/dev/null
legit() {
  curl -s -o /dev/null -w "legit sign-in: %{http_code} in %{time_total} s\n" "$URL/api/auth/signin" \
    -H 'Content-Type: application/json' -d '{"login":"legit","password":"correct horse battery"}'
}
echo "idle:"; legit
for i in $(seq 100); do
  from=127.0.1.$i; [ "${FROM_ONE:-0}" = 1 ] && from=127.0.0.2
  curl -s -o /dev/null -w "%{http_code}\n" --interface "$from" "$URL/api/auth/signin" \
    -H 'Content-Type: application/json' -d "{\"login\":\"victim$i\",\"password\":\"wrong password\"}" >>"$DATA/flood" &
done
sleep 0.05
echo "during the flood:"; legit
wait $(jobs -p | grep -v "^$PID$") 2>/dev/null || true
echo "flood answers: $(sort "$DATA/flood" | uniq -c | tr -s ' ' | tr '\n' ';')"
grep VmHWM /proc/$PID/status
