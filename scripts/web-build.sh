#!/usr/bin/env bash
# Builds the web app (web/) into web/dist, which `cruddur serve --web-root web/dist` serves.
# Rebuilds only when a source changed since the last build: the hash of the sources is kept in
# web/dist/.build-hash. Run after scripts/install-deps.sh (it installs web/node_modules with npm ci);
# installs them itself if they are missing.
set -euo pipefail
cd "$(dirname "$0")/../web"

if [ ! -x node_modules/.bin/vite ] || [ package-lock.json -nt node_modules/.install-stamp ]; then
  echo "web-build: installing npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
  touch node_modules/.install-stamp
fi

hash=$(
  {
    find src public -type f ! -name '*.test.js' ! -name '*.test.jsx' -print0 | sort -z | xargs -0 sha256sum
    sha256sum index.html vite.config.js package.json package-lock.json
  } | sha256sum | cut -d' ' -f1
)

if [ -f dist/index.html ] && [ "$(cat dist/.build-hash 2>/dev/null)" = "$hash" ]; then
  echo "web-build: web/dist is up to date"
  exit 0
fi

echo "web-build: building web/dist"
node_modules/.bin/vite build --logLevel warn
echo "$hash" > dist/.build-hash
echo "web-build: built web/dist ($(find dist -type f | wc -l) files)"
