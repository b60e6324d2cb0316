#!/usr/bin/env bash
# The README's example: stylize the sample photos with the sample style on this machine (embedded silo, CPU or GPU).
#   scripts/run-example.sh [extra styletransfer options...]     e.g. --iterations 200 --size 384
# Fetches the samples if missing (scripts/fetch-samples.sh), builds Release, writes out/example/*.png.
# Re-running skips outputs that already exist with the same parameters.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT"

command -v dotnet >/dev/null || { echo "run-example: 'dotnet' not found; install the .NET 10 SDK (https://dot.net)" >&2; exit 1; }
dotnet --list-sdks | grep -q '^10\.' || { echo "run-example: needs a .NET 10 SDK; found: $(dotnet --list-sdks | tr '\n' ' ')" >&2; exit 1; }

[[ -d samples/photos && -d samples/styles ]] || scripts/fetch-samples.sh
scripts/fetch-samples.sh >/dev/null

echo "building (Release)..."
dotnet build src/StyleTransfer.Cli/StyleTransfer.Cli.csproj -c Release -nologo -v quiet
CLI="src/StyleTransfer.Cli/bin/Release/net10.0/styletransfer"

set +e
"$CLI" batch \
  --content samples/photos \
  --style samples/styles/ihc.png \
  --out out/example \
  --size 384 --iterations 100 \
  "$@"
status=$?
set -e
echo
echo "results: $REPO_ROOT/out/example (exit code $status)"
exit $status
