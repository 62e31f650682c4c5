#!/usr/bin/env bash
# Opens a report's index.html in headless Chromium (Debian: apt-get install -y chromium) and checks it renders:
# the screenshot is not blank and the page logs no console errors. Not part of the test command.
# usage: scripts/check-report.sh [REPORT_DIR]   (default: target/firstsettle)
set -euo pipefail
dir="${1:-target/firstsettle}"
page="$(cd "$dir" && pwd)/index.html"
[ -f "$page" ] || { echo "check-report: no $page; run mvn verify or ./firstsettle run first" >&2; exit 2; }
browser="$(command -v chromium || command -v chromium-browser || true)"
[ -n "$browser" ] || { echo "check-report: chromium not found; install it: sudo apt-get install -y chromium" >&2; exit 2; }
profile="$(mktemp -d)"
shot="$dir/index-screenshot.png"
log="$(mktemp)"
trap 'rm -rf "$profile" "$log"' EXIT
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
       --disable-component-update --disable-sync --user-data-dir="$profile" --window-size=1280,2000
       --enable-logging=stderr --v=0)
timeout 60 "$browser" "${flags[@]}" --screenshot="$shot" "file://$page" >"$log" 2>&1 || {
  echo "check-report: chromium failed:" >&2; cat "$log" >&2; exit 1; }
[ -s "$shot" ] || { echo "check-report: no screenshot written" >&2; cat "$log" >&2; exit 1; }
# console errors show as CONSOLE(...) lines with level ERROR, or "Uncaught" in the log
if grep -E 'CONSOLE.*(ERROR|Uncaught)|:ERROR:CONSOLE|Uncaught ' "$log"; then
  echo "check-report: console errors in $page" >&2; exit 1
fi
# blank check: a blank 1280x2000 page compresses to a few kB of PNG; tables, text and timelines make it far larger
size=$(stat -c %s "$shot")
echo "check-report: $shot ($size bytes)"
if [ "$size" -lt 20000 ]; then
  echo "check-report: the screenshot looks blank ($size bytes)" >&2; exit 1
fi
echo "check-report: OK, $page renders with no console errors"
