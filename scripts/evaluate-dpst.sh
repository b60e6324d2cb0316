#!/usr/bin/env bash
# Evaluation on the Deep Photo Style Transfer pairs (in<N>.png, tar<N>.png, in<N>_seg.png, tar<N>_seg.png and the
# paper's dpst_result<N>.png in one folder, e.g. the paper's examples/): every pair with --method gatys (with the
# masks), photo (with the masks) and strotss, then `styletransfer eval` of each method and a contact sheet per pair
# (content | style | gatys | photo | strotss | paper). Not part of the tests: the data is not in this repository.
#   scripts/evaluate-dpst.sh <dpst-folder> [out-folder, default out/dpst] [size, default 256]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
data="$(cd "${1:?usage: scripts/evaluate-dpst.sh <dpst-folder> [out] [size]}" && pwd)"
out="${2:-out/dpst}"
size="${3:-256}"
mkdir -p "$out"/{gatys,photo,strotss,sheets}
out="$(cd "$out" && pwd)"
dotnet build src/StyleTransfer.Cli -c Release -nologo -v quiet >/dev/null
cli=src/StyleTransfer.Cli/bin/Release/net10.0/styletransfer
command -v montage >/dev/null || { apt-get update -qq && apt-get install -y -qq imagemagick >/dev/null; }

pairs=$(ls "$data" | sed -n 's/^in\([0-9]*\)\.png$/\1/p' | sort -n)
styles=()
for n in $pairs; do
  c="$data/in$n.png" s="$data/tar$n.png" cm="$data/in${n}_seg.png" sm="$data/tar${n}_seg.png"
  styles+=(--style "$s")
  for method in gatys photo strotss; do
    # gatys: 200 L-BFGS iterations, the same budget as photo's 50 + 150 stage iterations (photo counts its stages
    # in --photo-style-iterations and --photo-iterations, and refuses --iterations)
    masks=() iterations=(--iterations 200)
    [[ $method != strotss ]] && masks=(--content-mask "$cm" --style-mask "$sm")
    [[ $method == strotss ]] && iterations=(--iterations 50) # per scale, 4 scales: the CPU budget of one pair
    [[ $method == photo ]] && iterations=()
    start=$(date +%s.%N)
    "$cli" image "$c" --style "$s" "${masks[@]}" --method "$method" --size "$size" "${iterations[@]}" \
      --out "$out/$method/in${n}__tar${n}.png" >"$out/$method/in$n.log" 2>&1 || echo "pair $n $method failed: see $out/$method/in$n.log"
    printf 'pair %s %s: %.1f s\n' "$n" "$method" "$(echo "$(date +%s.%N) - $start" | bc)" | tee -a "$out/times.txt"
  done
  montage -label '%t' "$c" "$s" "$out/gatys/in${n}__tar${n}.png" "$out/photo/in${n}__tar${n}.png" \
    "$out/strotss/in${n}__tar${n}.png" "$data/dpst_result$n.png" -tile 6x1 -geometry 200x200+2+2 "$out/sheets/pair$n.png"
done

for method in gatys photo strotss; do
  "$cli" eval --output "$out/$method" --content "$data" --masks "$data" "${styles[@]}" --size "$size" --json "$out/$method.json" || true
done
echo "results: $out/{gatys,photo,strotss}, metrics: $out/{gatys,photo,strotss}.json, sheets: $out/sheets"
