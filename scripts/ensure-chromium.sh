#!/usr/bin/env bash
# Browser tests drive Debian's Chromium (Playwright cannot download its own browsers here).
# Installs it when missing and we are allowed to (root with apt-get); otherwise says what to do.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's chromium for the browser tests…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
  echo "Browser tests need /usr/bin/chromium: install it (e.g. sudo apt-get install chromium) or set CHROMIUM_PATH." >&2
  [ -n "${CHROMIUM_PATH:-}" ] || exit 1
fi
