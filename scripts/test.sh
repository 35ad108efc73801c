#!/usr/bin/env bash
# Every check and every test: types, lint, the build, unit, API and end-to-end tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-chromium.sh
echo "== typecheck" && npx tsc -p tsconfig.json --noEmit
echo "== lint" && npx biome ci .
echo "== build" && npx vite build --logLevel warn && node --import tsx scripts/build-server.ts
echo "== tests" && npx vitest run
