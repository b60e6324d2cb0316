#!/usr/bin/env bash
# Benchmark (not a test): where photo's time goes at each size (the colour transfer of its start, stage 1, the matting Laplacian, stage 2, the final
# smoothing), with one scale (both stages at full size) and with two (stage 1 at half size, stage 2 at full size),
# for two of the fetched sample photos, default options, no masks.
#   scripts/photo-timing.sh [sizes, default 256,512]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/fetch-samples.sh >/dev/null
dotnet build scripts/Benchmark -c Release -v q -nologo >/dev/null
dotnet scripts/Benchmark/bin/Release/net10.0/StyleTransfer.Benchmark.dll photo-stages "$PWD" "${1:-256,512}" \
  2> >(grep -v -E 'NNPACK|Optimizer::parameters' >&2)
