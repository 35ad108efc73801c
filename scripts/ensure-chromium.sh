#!/usr/bin/env bash
# End-to-end tests drive Debian's Chromium (Playwright never downloads a browser here).
# Installs it when missing and we are root; otherwise says how.
set -euo pipefail
if [ -x /usr/bin/chromium ] || [ -n "${DONDOC_CHROMIUM:-}" ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Chromium is missing: installing Debian's chromium package..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "Chromium is missing. Install it with: sudo apt-get install -y chromium" >&2
echo "(or set DONDOC_CHROMIUM to the path of a Chromium or Chrome binary)" >&2
exit 1
