#!/usr/bin/env bash
# `npm test`: installs what the tests need, then type check, lint, unit tests, build and
# end-to-end tests in Debian's Chromium; prints the counts. Used as is by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .tmp

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "Chromium"
if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "Debian's chromium is missing: run 'sudo apt-get update && sudo apt-get install -y chromium' (or set CHROMIUM_PATH)." >&2
    exit 1
  fi
fi
"${CHROMIUM_PATH:-/usr/bin/chromium}" --version

step "Dependencies"
# Clean install in CI, or when package-lock.json changed since the last install here.
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ -n "${CI:-}" ] || [ "$(cat node_modules/.tenant-lens-lock 2>/dev/null)" != "$lock_hash" ]; then
  npm ci --no-audit --no-fund
  echo "$lock_hash" > node_modules/.tenant-lens-lock
else
  echo "node_modules matches package-lock.json"
fi

step "Type check"
npm run -s typecheck

step "Lint"
npx biome lint . --diagnostic-level=error

step "Unit tests"
npx vitest run --reporter=default --reporter=json --outputFile=.tmp/vitest.json

step "Build"
npx wxt build

step "End-to-end tests (Chromium)"
PLAYWRIGHT_JSON_OUTPUT_NAME=.tmp/playwright.json npx playwright test --reporter=list,json

node test/report-counts.mjs .tmp/vitest.json .tmp/playwright.json
