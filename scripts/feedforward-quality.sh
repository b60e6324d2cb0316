#!/usr/bin/env bash
# Feed-forward quality beside gatys (issue 11): a fast model per style and one AdaIN decoder are trained (or reused),
# the photos are stylized with gatys, fast and adain, `styletransfer eval` scores every output, and the script prints
# per style and method the mean style-statistics distance and structure SSIM with the fast/gatys and adain/gatys
# ratios, and writes a contact sheet per style (out/sheets/<style>.png: the style alone in the top row, then one row
# per photo: content | gatys | fast | adain). Not part of the tests: the paintings and photos are not in this repository.
#   scripts/feedforward-quality.sh <paintings-folder> <photos-folder> [out-folder, default out/ffquality]
# The photos are for evaluation only: training content is TRAIN_CONTENT (default: the sample photos of
# scripts/fetch-samples.sh), and a photos folder that is the training folder is refused.
# Environment (defaults in brackets):
#   STYLES        painting stems that get a fast model [every painting]; adain and gatys run on the same ones
#   SIZE          output size in px [256]            GATYS_ITERATIONS  [200]
#   FAST_STEPS [180]  FAST_CROP [128]  FAST_BATCH [2]  FAST_LR [2e-3]  FAST_STYLE_WEIGHT [20]  FAST_NETWORK [small]
#   ADAIN_STEPS [120] ADAIN_CROP [128] ADAIN_BATCH [4] ADAIN_LR [5e-4]
#   (the defaults are the runs measured in the README: far from converged; raise the steps on a GPU)
#   MODELS        folder of trained models to reuse: <stem>.model (fast) and adain.model [<out>/models]
# A model already in MODELS is used as it is; delete it to train again. Training writes <stem>.loss.png beside it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
usage="usage: scripts/feedforward-quality.sh <paintings-folder> <photos-folder> [out-folder]"
paintings="$(cd "${1:?$usage}" && pwd)"
photos="$(cd "${2:?$usage}" && pwd)"
mkdir -p "${3:-out/ffquality}"
out="$(cd "${3:-out/ffquality}" && pwd)"
size="${SIZE:-256}"
models="${MODELS:-$out/models}"
mkdir -p "$models" "$out"/{gatys,fast,adain,sheets}
models="$(cd "$models" && pwd)"

if [[ -z "${TRAIN_CONTENT:-}" ]]; then
  scripts/fetch-samples.sh >/dev/null
  TRAIN_CONTENT="$PWD/samples/photos"
fi
train_content="$(cd "$TRAIN_CONTENT" && pwd)"
[[ "$train_content" != "$photos" ]] || { echo "the evaluation photos must not be the training content ($photos)" >&2; exit 1; }

dotnet build src/StyleTransfer.Cli -c Release -nologo -v quiet >/dev/null
dotnet build scripts/ContactSheet -c Release -nologo -v quiet >/dev/null
cli=src/StyleTransfer.Cli/bin/Release/net10.0/styletransfer
sheet=scripts/ContactSheet/bin/Release/net10.0/ContactSheet

style_file() { ls "$paintings" | grep -m1 -E "^$1\.[A-Za-z]+$" | sed "s|^|$paintings/|"; }
if [[ -n "${STYLES:-}" ]]; then read -r -a stems <<<"$STYLES"
else mapfile -t stems < <(ls "$paintings" | grep -iE '\.(png|jpe?g)$' | sed 's/\.[^.]*$//'); fi
style_args=()
for stem in "${stems[@]}"; do
  f="$(style_file "$stem")"
  [[ -n "$f" ]] || { echo "no painting named $stem.* in $paintings" >&2; exit 1; }
  style_args+=(--style "$f")
done

# Training (skipped for models already there). Seconds per step are in the logs beside the models.
for stem in "${stems[@]}"; do
  model="$models/$stem.model"
  [[ -s "$model" ]] && continue
  echo "training the fast model of $stem..."
  "$cli" train --style "$(style_file "$stem")" --content "$train_content" --out "$model" \
    --network "${FAST_NETWORK:-small}" --crop "${FAST_CROP:-128}" --batch "${FAST_BATCH:-2}" --lr "${FAST_LR:-2e-3}" \
    --steps "${FAST_STEPS:-180}" --style-weight "${FAST_STYLE_WEIGHT:-20}" --checkpoint-every 20 | tee "$models/$stem.train.log"
done
if [[ ! -s "$models/adain.model" ]]; then
  echo "training the AdaIN decoder on $paintings..."
  "$cli" train --decoder --content "$train_content" --styles "$paintings" --out "$models/adain.model" \
    --crop "${ADAIN_CROP:-128}" --batch "${ADAIN_BATCH:-4}" --steps "${ADAIN_STEPS:-120}" --lr "${ADAIN_LR:-5e-4}" \
    --checkpoint-every 20 | tee "$models/adain.train.log"
fi

# Stylization at $size px (a re-run skips outputs that exist with the same parameters).
"$cli" batch --content "$photos" "${style_args[@]}" --method gatys --size "$size" --iterations "${GATYS_ITERATIONS:-200}" --out "$out/gatys"
for stem in "${stems[@]}"; do
  "$cli" batch --content "$photos" --style "$(style_file "$stem")" --method fast --model "$models/$stem.model" --size "$size" --out "$out/fast"
done
"$cli" batch --content "$photos" "${style_args[@]}" --method adain --model "$models/adain.model" --size "$size" --out "$out/adain"

for method in gatys fast adain; do
  "$cli" eval --output "$out/$method" --content "$photos" "${style_args[@]}" --size "$size" --json "$out/$method.json" >/dev/null \
    || echo "eval of $method: some outputs failed (their rows in $out/$method.json carry \"error\")" >&2
done

# The table: means over the photos per style and method, and the ratios to gatys.
jq -rs --arg methods "gatys fast adain" '
  def stem: sub(".*/"; "") | sub("\\.[^.]*$"; "");
  def mean(f): (map(f) | add / length);
  ($methods | split(" ")) as $ms
  | [range(0; length) as $i | .[$i][] | select(.error == null) | . + {method: $ms[$i], styleStem: (.style | stem)}]
  | group_by(.styleStem)
  | (["style", "method", "n", "style-stats distance", "SSIM", "colour distance", "distance / gatys", "SSIM / gatys"] | @tsv),
    (.[] | . as $rows
      | ($rows | map(select(.method == "gatys"))) as $g
      | ($g | if length > 0 then mean(.styleStatisticsDistance) else null end) as $gd
      | ($g | if length > 0 then mean(.structureSsim) else null end) as $gs
      | $ms[] as $m | ($rows | map(select(.method == $m))) as $r | select($r | length > 0)
      | [$r[0].styleStem, $m, ($r | length),
         ($r | mean(.styleStatisticsDistance) * 1000 | round / 1000),
         ($r | mean(.structureSsim) * 1000 | round / 1000),
         ($r | mean(.colorDistance) * 10 | round / 10),
         (if $gd then ($r | mean(.styleStatisticsDistance)) / $gd * 100 | round / 100 else "-" end),
         (if $gs then ($r | mean(.structureSsim)) / $gs * 100 | round / 100 else "-" end)] | @tsv)
' "$out/gatys.json" "$out/fast.json" "$out/adain.json" | column -t -s $'\t' | tee "$out/table.txt"

# Contact sheets: style on top, then content | gatys | fast | adain per photo.
for stem in "${stems[@]}"; do
  cells=("$(style_file "$stem")" - - -)
  for photo in $(ls "$photos" | grep -iE '\.(png|jpe?g)$'); do
    name="${photo%.*}__$stem.png"
    cells+=("$photos/$photo" "$out/gatys/$name" "$out/fast/$name" "$out/adain/$name")
  done
  "$sheet" "$out/sheets/$stem.png" 4 "${cells[@]}"
done
echo "table: $out/table.txt, contact sheets: $out/sheets, models and loss curves: $models"
