#!/usr/bin/env bash
# The README's user-study example: a small forced-choice study over the sample photos with two conditions (a weak
# and a strong style weight), made through an embedded silo, packaged under out/study-example/.
#   [SIZE=256] [ITERATIONS=60] scripts/study-example.sh [other 'study create' options...]   e.g. --post-url https://…
# Fetches the samples if missing, builds Release. Re-running reuses the outputs and rewrites the same package.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT"

command -v dotnet >/dev/null || { echo "study-example: 'dotnet' not found; install the .NET 10 SDK (https://dot.net)" >&2; exit 1; }
[[ -d samples/photos && -d samples/styles ]] || scripts/fetch-samples.sh

echo "building (Release)..."
dotnet build src/StyleTransfer.Cli/StyleTransfer.Cli.csproj -c Release -nologo -v quiet
CLI="src/StyleTransfer.Cli/bin/Release/net10.0/styletransfer"

"$CLI" study create \
  --content samples/photos \
  --style samples/styles/ihc.png \
  --condition weak=gatys:style-weight=10 \
  --condition strong=gatys:style-weight=1000 \
  --question style="Which image better matches the style of the painting?" \
  --question content="Which image keeps the content of the photo better?" \
  --assignments 4 --trials-per-assignment 12 --repeats 2 --gold 2 --min-seconds 1.5 --seed 1 \
  --size "${SIZE:-256}" --iterations "${ITERATIONS:-60}" \
  --out out/study-example \
  "$@"
echo
echo "open $REPO_ROOT/out/study-example/public/index.html in a browser (or serve out/study-example/public with any web server)"
