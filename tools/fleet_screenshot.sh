#!/usr/bin/env bash
# Makes docs/img/fleet-report.png, the README's picture of the fleet report:
# `aptparse report --html` over the corpus (hosts = its directories) in
# headless Chromium at a laptop's 1366x900, as test_fleet_browser.py opens it.
# Needs the package installed in .venv/ (with matplotlib) and chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
.venv/bin/python -m aptparse report --html "$tmp/fleet.html" corpus/
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
  --user-data-dir="$tmp/profile" --window-size=1366,900 --virtual-time-budget=2000 \
  --run-all-compositor-stages-before-draw \
  --screenshot="$tmp/shot.png" "file://$tmp/fleet.html" 2>/dev/null
mkdir -p docs/img
cp "$tmp/shot.png" docs/img/fleet-report.png
echo "docs/img/fleet-report.png: $(stat -c %s docs/img/fleet-report.png) bytes"
