#!/usr/bin/env bash
# The OpenAPI check can fail: a record with a good exchange and five wrong ones (an undocumented status, a
# body against its schema, an undocumented content type, an unknown /api/ path that answered, a wrong method
# that answered) must exit 1 and name each; the good one alone passes; a document that is not OpenAPI 3.1 fails.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
document="$here/../../doc/openapi.yaml"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
good='{"method":"GET","target":"/api/health","status":200,"content_type":"application/json","body":"{\"status\":\"ok\"}"}'
echo "$good" >"$tmp/good.jsonl"
node "$here/check-openapi.mjs" "$document" "$tmp/good.jsonl" >/dev/null
{
  echo "$good"
  echo '{"method":"GET","target":"/api/health","status":418,"content_type":"application/json","body":"{}"}'
  echo '{"method":"GET","target":"/api/me","status":200,"content_type":"application/json","body":"{\"uuid\":5,\"handle\":\"a\",\"display_name\":\"A\"}"}'
  echo '{"method":"GET","target":"/api/messages/counter","status":200,"content_type":"text/plain","body":"3"}'
  echo '{"method":"GET","target":"/api/nowhere","status":200,"content_type":"application/json","body":"[]"}'
  echo '{"method":"DELETE","target":"/api/me","status":200,"content_type":"application/json","body":"{}"}'
} >"$tmp/bad.jsonl"
if out="$(node "$here/check-openapi.mjs" "$document" "$tmp/bad.jsonl" 2>&1)"; then
  echo "check-openapi passed a record with wrong answers:"; echo "$out"; exit 1
fi
echo "$out" | grep '^FAIL'
for expected in "GET /api/health -> 418: status 418 is not documented" "GET /api/me -> 200: the body does not match" \
                'GET /api/messages/counter -> 200: content type "text/plain"' "GET /api/nowhere -> 200: no documented path" \
                "DELETE /api/me -> 200: method not documented"; do
  grep -qF "FAIL $expected" <<<"$out" || { echo "not reported: $expected"; exit 1; }
done
# A document that is not OpenAPI 3.1 (a response without its required description) fails on its own.
sed 's/^\(          \)description: the process answers.*/\1summary: x/' "$document" >"$tmp/broken.yaml"
if node "$here/check-openapi.mjs" "$tmp/broken.yaml" >"$tmp/broken.out" 2>&1; then
  echo "check-openapi passed a document that is not OpenAPI 3.1"; exit 1
fi
grep -q "is not valid OpenAPI 3.1" "$tmp/broken.out" || { cat "$tmp/broken.out"; exit 1; }
echo "check-openapi-detects: all five wrong answers and the broken document reported"
