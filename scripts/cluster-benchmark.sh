#!/usr/bin/env bash
# Cluster throughput on loopback: the same small images through 1 silo and through 2 silo processes (clustered on
# Azurite, each silo given one core's worth of threads: 1 torch thread, DOTNET_PROCESSOR_COUNT=1), measured in one
# run. Prints images per minute for each, the scaling ratio (target >= 1.8 on a machine with at least 2 free cores)
# and the scheduling overhead per item (wall time x silos / items, minus the engine's own time per item). Then the
# machine's own ceiling: the same items split over 2 independent engine processes with no cluster (1 torch thread
# each, committing to a folder), and the 2-silo cluster's throughput as a fraction of it (target >= 0.95).
#   scripts/cluster-benchmark.sh [items] [size] [iterations]     (default 32 items, 96 px, 40 iterations)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ITEMS="${1:-32}" SIZE="${2:-96}" ITERATIONS="${3:-40}"
[[ -d samples/photos && -d samples/styles ]] || scripts/fetch-samples.sh >/dev/null
scripts/azurite.sh install >/dev/null
scripts/azurite.sh status >/dev/null || AZURITE_IN_MEMORY=1 scripts/azurite.sh start >/dev/null
dotnet build src/StyleTransfer.Cli -c Release -v q -nologo >/dev/null
CLI=(dotnet src/StyleTransfer.Cli/bin/Release/net10.0/styletransfer.dll)
work="$(mktemp -d)"
trap 'scripts/local-cluster.sh stop >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

# One manifest of ITEMS items over the sample photos and one style.
python3 - "$work/items.jsonl" "$ITEMS" "$PWD/samples" <<'PY'
import json, os, sys
path, n, samples = sys.argv[1], int(sys.argv[2]), sys.argv[3]
photos = sorted(os.path.join(samples, "photos", f) for f in os.listdir(os.path.join(samples, "photos")))
with open(path, "w") as out:
    for i in range(n):
        out.write(json.dumps({"content": photos[i % len(photos)], "style": os.path.join(samples, "styles", "ihc.png"),
                              "output": f"b{i:04d}.png"}) + "\n")
PY

run() { # $1 = silos; prints "wall_seconds engine_seconds_mean"
  local silos="$1" id="bench-$1-$$" results="$work/results-$1"
  local address
  address=$(CLUSTER_ID="$id" RESULTS="$results" SILO_THREADS=1 SILO_CAPACITY=1 scripts/local-cluster.sh start "$silos" | grep "^--cluster ")
  # Warm-up: every silo loads the backbone and JIT-compiles once (long-lived silos pay that once, not per job).
  head -n $((2 * silos)) "$work/items.jsonl" >"$work/warmup.jsonl"
  # shellcheck disable=SC2086
  "${CLI[@]}" submit --manifest "$work/warmup.jsonl" --out warmup --size "$SIZE" --iterations 2 --job-id "$id-warmup" $address >/dev/null
  until [[ $(find "$results/warmup" -name '*.png' 2>/dev/null | wc -l) -ge $((2 * silos)) ]]; do sleep 0.5; done
  # shellcheck disable=SC2086
  "${CLI[@]}" submit --manifest "$work/items.jsonl" --out run --size "$SIZE" --iterations "$ITERATIONS" --job-id "$id" $address >/dev/null
  # Wait by counting committed outputs, not with a polling client, so that no client competes for the cores.
  until [[ $(find "$results/run" -name '*.png' 2>/dev/null | wc -l) -ge $ITEMS ]]; do sleep 0.5; done
  sleep 3 # the job grain notices the last page completing on its next tick
  # shellcheck disable=SC2086
  "${CLI[@]}" status "$id" --json $address >"$work/status-$1.json"
  scripts/local-cluster.sh stop >/dev/null
  python3 - "$work/status-$1.json" "$results/run" <<'PY'
import json, os, sys
from datetime import datetime
s = json.load(open(sys.argv[1]))
wall = (datetime.fromisoformat(s["finishedAt"]) - datetime.fromisoformat(s["startedAt"])).total_seconds()
metas = [json.load(open(os.path.join(sys.argv[2], f))) for f in os.listdir(sys.argv[2]) if f.endswith(".meta.json")]
engine = [float(m.get("metadata", m).get("elapsed-seconds")) for m in metas]
assert s["succeeded"] == s["total"], f"{s['failed']} items failed"
print(f"{wall:.2f} {sum(engine) / len(engine):.3f}")
PY
}

ceiling() { # $1 = processes; prints the wall seconds from the first process's start to the last one's end
  local n="$1" dir="$work/ceiling-$1" pids=()
  mkdir -p "$dir"
  for ((i = 0; i < n; i++)); do
    DOTNET_PROCESSOR_COUNT=1 OMP_NUM_THREADS=1 DOTNET_gcServer=0 dotnet scripts/Benchmark/bin/Release/net10.0/StyleTransfer.Benchmark.dll \
      direct "$work/items.jsonl" "$SIZE" "$ITERATIONS" "$dir/out" "$i" "$n" "$dir/ready$i" "$dir/go" 1 >"$dir/times$i" 2>/dev/null &
    pids+=($!)
  done
  until [[ $(ls "$dir" | grep -c '^ready') -ge $n ]]; do sleep 0.2; done
  touch "$dir/go"
  wait "${pids[@]}"
  cat "$dir"/times* | python3 -c 'import sys; t=[l.split() for l in sys.stdin]; print(f"{max(float(x[1]) for x in t) - min(float(x[0]) for x in t):.2f}")'
}

echo "cluster benchmark: $ITEMS items, $SIZE px x $ITERATIONS iterations, silos with 1 thread each, $(nproc) cores"
read -r wall1 engine1 < <(run 1)
read -r wall2 engine2 < <(run 2)
dotnet build scripts/Benchmark -c Release -v q -nologo >/dev/null
read -r ceiling2 < <(ceiling 2)
python3 - "$ITEMS" "$wall1" "$engine1" "$wall2" "$engine2" "$ceiling2" <<'PY'
import sys
n = int(sys.argv[1]); w1, e1, w2, e2, c2 = map(float, sys.argv[2:])
print(f"1 silo : {w1:7.2f} s  {60 * n / w1:6.1f} images/min  engine {e1:.3f} s/item  scheduling overhead {w1 / n - e1:+.3f} s/item")
print(f"2 silos: {w2:7.2f} s  {60 * n / w2:6.1f} images/min  engine {e2:.3f} s/item  scheduling overhead {2 * w2 / n - e2:+.3f} s/item")
print(f"scaling ratio (2 silos / 1 silo throughput): {w1 / w2:.2f}")
print(f"ceiling: 2 engine processes, no cluster: {c2:7.2f} s  {60 * n / c2:6.1f} images/min")
print(f"2-silo cluster throughput as a fraction of the ceiling: {c2 / w2:.2f}")
PY
