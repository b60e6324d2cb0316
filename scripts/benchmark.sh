#!/usr/bin/env bash
# Benchmark (not a test): seconds per Gatys iteration at 256 and 512 px, achieved GFLOP/s as a ratio of a large
# matmul's, and the overhead of N images through the embedded silo versus direct engine calls, all in one run; then
# images/s of gatys, fast and adain at 256 px (whole items through the engine, and fast/adain batches of 1 and 8) as
# ratios to gatys, measured in one run of scripts/FeedForwardBench.
# The silo comparison reports the first job of a fresh silo apart (it compiles the silo's code), lets the JIT settle,
# then measures, and says where the silo's time and CPU per item go.
# Usage: scripts/benchmark.sh [N images for the cluster comparison, default 4]; BENCH_ONLY_SILO=1 skips the iteration
# timings.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
dotnet build scripts/Benchmark -c Release -v q -nologo >/dev/null
dotnet scripts/Benchmark/bin/Release/net10.0/StyleTransfer.Benchmark.dll "$PWD" "${1:-4}" 2> >(grep -v -E 'NNPACK|Optimizer::parameters' >&2)

scripts/fetch-samples.sh >/dev/null
dotnet build scripts/FeedForwardBench -c Release -v q -nologo >/dev/null
dotnet scripts/FeedForwardBench/bin/Release/net10.0/FeedForwardBench.dll methods samples/photos/chelsea.png samples/styles/ihc.png 200 \
  2> >(grep -v -E 'NNPACK|Optimizer::parameters' >&2) | grep -v '^torch threads'
