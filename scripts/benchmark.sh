#!/usr/bin/env bash
# Benchmark (not a test): seconds per Gatys iteration at 256 and 512 px, achieved GFLOP/s as a ratio of a large
# matmul's, and the overhead of N images through the embedded silo versus direct engine calls, all in one run.
# Usage: scripts/benchmark.sh [N images for the cluster comparison, default 4]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
dotnet build scripts/Benchmark -c Release -v q -nologo >/dev/null
dotnet scripts/Benchmark/bin/Release/net10.0/StyleTransfer.Benchmark.dll "$PWD" "${1:-4}" 2> >(grep -v -E 'NNPACK|Optimizer::parameters' >&2)
