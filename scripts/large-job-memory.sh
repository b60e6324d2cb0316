#!/usr/bin/env bash
# Memory of the silos over a large manifest job of cheap items (16 px images, 1 iteration): prints each silo's
# resident memory (RSS) as the job advances, so that one can see it stay bounded while pages of 256 items come and go.
#   scripts/large-job-memory.sh [items] [silos]     (default 100000 items, 2 silos)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ITEMS="${1:-100000}" SILOS="${2:-2}"
work="$(mktemp -d)"
trap 'scripts/local-cluster.sh stop >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
dotnet build src/StyleTransfer.Cli -c Release -v q -nologo >/dev/null
CLI=(dotnet src/StyleTransfer.Cli/bin/Release/net10.0/styletransfer.dll)

# Five 16x16 PNGs (four contents, one style), written with zlib.
python3 - "$work" "$ITEMS" <<'PY'
import json, os, struct, sys, zlib
folder, n = sys.argv[1], int(sys.argv[2])
def png(path, seed):
    rows = b"".join(b"\x00" + b"".join(bytes(((x * 16 + seed * 40) % 256, (y * 16) % 256, (x * y * 4 + seed * 60) % 256))
                                        for x in range(16)) for y in range(16))
    chunk = lambda t, d: struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 16, 16, 8, 2, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
for i in range(5): png(os.path.join(folder, f"img{i}.png"), i)
with open(os.path.join(folder, "items.jsonl"), "w") as out:
    for i in range(n):
        out.write(json.dumps({"content": os.path.join(folder, f"img{i % 4}.png"), "style": os.path.join(folder, "img4.png"),
                              "output": f"i{i:06d}.png"}) + "\n")
PY

address=$(CLUSTER_ID="mem-$$" RESULTS="$work/results" scripts/local-cluster.sh start "$SILOS" | tail -1)
# shellcheck disable=SC2086
"${CLI[@]}" submit --manifest "$work/items.jsonl" --out big --size 16 --iterations 1 --optimizer adam --job-id "mem-$$" $address >/dev/null
start=$SECONDS
echo "seconds  items-done  $(for i in $(seq 1 "$SILOS"); do printf 'silo%d-rss-MiB  ' "$i"; done)"
while true; do
  # shellcheck disable=SC2086
  json=$("${CLI[@]}" status "mem-$$" --json $address)
  done_items=$(python3 -c 'import json,sys; s=json.loads(sys.argv[1]); print(s["succeeded"]+s["failed"]+s["skipped"], s["finishedAt"] is not None)' "$json")
  rss=""
  for i in $(seq 1 "$SILOS"); do rss+="$(( $(awk '/VmRSS/ {print $2}' "/proc/$(cat .cluster/silo$i.pid)/status") / 1024 ))  "; done
  echo "$((SECONDS - start))  ${done_items% *}  $rss"
  [[ ${done_items#* } == True ]] && break
  sleep 20
done
echo "$ITEMS items in $((SECONDS - start)) s"
