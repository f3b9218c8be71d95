#!/usr/bin/env bash
# `make run`: the service on the embedded store with demo data and the web app, on http://127.0.0.1:4567/.
# (make has already installed dependencies and built the binary.) Extra flags: CRUDDUR_RUN_FLAGS.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -f scripts/web-build.sh ]; then
  bash scripts/web-build.sh
fi

exec "${BUILD:-build}/cruddur" serve --demo \
  --listen "${CRUDDUR_LISTEN:-127.0.0.1:4567}" \
  --data "${CRUDDUR_DATA:-data}" \
  --web-root "${CRUDDUR_WEB_ROOT:-web/dist}" \
  ${CRUDDUR_RUN_FLAGS:-}
