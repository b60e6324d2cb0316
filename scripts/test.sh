#!/usr/bin/env bash
# The README's test command: installs what the tests need (Azurite and helm from npm, binutils' readelf, Debian's
# chromium for the browser tests, fonts-dejavu-core when no font is installed), starts Azurite, runs the whole xunit
# suite, stops Azurite, and prints one closing line "N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

command -v dotnet >/dev/null || { echo "error: the .NET 10 SDK (dotnet) is required" >&2; exit 1; }
command -v npm >/dev/null || { echo "error: Node.js 20+ with npm is required (for Azurite)" >&2; exit 1; }
if ! command -v readelf >/dev/null; then
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq binutils >/dev/null; else echo "error: readelf (binutils) is required" >&2; exit 1; fi
fi

# Browser tests (study pages, the silo's web view) drive Debian's Chromium through Playwright; Playwright's own
# browser download is not used.
if ! command -v chromium >/dev/null; then
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; else echo "error: Debian's chromium is required for the browser tests" >&2; exit 1; fi
fi
# The study report's plots (ScottPlot on SkiaSharp) need a font under /usr/share/fonts, or they carry no text.
if [ -z "$(find /usr/share/fonts -name '*.ttf' -print -quit 2>/dev/null)" ]; then
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq fonts-dejavu-core >/dev/null; else echo "error: a font is required for the plots (fonts-dejavu-core)" >&2; exit 1; fi
fi
export STYLETRANSFER_CHROMIUM="${STYLETRANSFER_CHROMIUM:-$(command -v chromium)}"

scripts/azurite.sh install
scripts/helm.sh install
AZURITE_IN_MEMORY=1 scripts/azurite.sh start
trap 'scripts/azurite.sh stop >/dev/null 2>&1 || true' EXIT

log=$(mktemp)
set +e
# One test assembly at a time: the engine and the Orleans clusters each want both cores.
dotnet test StyleTransfer.sln -c Release -m:1 -- RunConfiguration.MaxCpuCount=1 "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# dotnet test prints one "Passed!/Failed!  - Failed: F, Passed: P, Skipped: S, Total: T" line per assembly.
read -r passed failed skipped < <(grep -E '(Passed|Failed)! +- Failed: ' "$log" |
  sed -E 's/.*Failed: *([0-9]+), Passed: *([0-9]+), Skipped: *([0-9]+).*/\2 \1 \3/' |
  awk '{p+=$1; f+=$2; s+=$3} END {print p+0, f+0, s+0}')
rm -f "$log"
echo "$passed passed, $failed failed, $skipped skipped"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then echo "error: dotnet test exited with $status" >&2; fi
exit "$status"
