#!/usr/bin/env bash
# Side by side: Gram style statistics with and without the softmax transformation (Wang et al., CVPR 2021) on the
# ResNet-18 backbone. Writes out/softmax/{plain,softmax}.png and the sheet out/softmax/compare.png
# (content | style | plain | softmax).
#   scripts/compare-softmax.sh [content] [style] [extra styletransfer options...]
# Defaults: the sample photo astronaut.png and the sample style (scripts/fetch-samples.sh).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
[[ -d samples/photos ]] || scripts/fetch-samples.sh
content="${1:-samples/photos/astronaut.png}"
style="${2:-samples/styles/ihc.png}"
shift $(( $# > 2 ? 2 : $# ))
command -v montage >/dev/null || { apt-get update -qq && apt-get install -y -qq imagemagick >/dev/null; }

dotnet build src/StyleTransfer.Cli -c Release -nologo -v quiet >/dev/null
cli=src/StyleTransfer.Cli/bin/Release/net10.0/styletransfer
mkdir -p out/softmax
"$cli" image "$content" --style "$style" --out out/softmax/plain.png --size 384 --iterations 100 "$@"
"$cli" image "$content" --style "$style" --out out/softmax/softmax.png --size 384 --iterations 100 --softmax "$@"
montage -label '%t' "$content" "$style" out/softmax/plain.png out/softmax/softmax.png -tile 4x1 -geometry 320x320+4+4 out/softmax/compare.png
echo "side by side: out/softmax/compare.png"
