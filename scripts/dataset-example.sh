#!/usr/bin/env bash
# The README's dataset example: a small class-folder dataset built from the sample photos (three levels of folders,
# a labels.csv and an annotation JSON), each image given one seeded random style out of samples/styles, stylized in
# one pass by AdaIN and mirrored into out/dataset-example/stylized/ (outputs <stem>__<style>.jpg beside copies of the
# annotation files, and dataset-record.jsonl). The AdaIN decoder is trained first, once, on the same samples
# (out/dataset-example/models/adain.model, the smallest honest recipe: see "Feed-forward methods" in the README).
#   scripts/dataset-example.sh [extra styletransfer dataset options...]     e.g. --styles-per-image 2 --dry-run
#   DATASET_METHOD=gatys scripts/dataset-example.sh                          optimization instead (slower, no training)
# Re-running skips outputs that already exist with the same parameters.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT"

command -v dotnet >/dev/null || { echo "dataset-example: 'dotnet' not found; install the .NET 10 SDK (https://dot.net)" >&2; exit 1; }
scripts/fetch-samples.sh >/dev/null

echo "building (Release)..."
dotnet build src/StyleTransfer.Cli/StyleTransfer.Cli.csproj -c Release -nologo -v quiet
CLI="src/StyleTransfer.Cli/bin/Release/net10.0/styletransfer"

DATA=out/dataset-example/content
if [[ ! -d "$DATA" ]]; then
  mkdir -p "$DATA/train/animals/cat" "$DATA/train/people/astronaut" "$DATA/val/objects/cup" "$DATA/val/objects/rocket"
  cp samples/photos/chelsea.png "$DATA/train/animals/cat/"
  cp samples/photos/astronaut.png "$DATA/train/people/astronaut/"
  cp samples/photos/coffee.png "$DATA/val/objects/cup/"
  cp samples/photos/rocket.jpg "$DATA/val/objects/rocket/"
  printf 'file,label\ntrain/animals/cat/chelsea.png,cat\ntrain/people/astronaut/astronaut.png,person\nval/objects/cup/coffee.png,cup\nval/objects/rocket/rocket.jpg,rocket\n' > "$DATA/labels.csv"
  printf '{"image": "chelsea.png", "boxes": [{"label": "cat", "xywh": [140, 40, 250, 260]}]}\n' > "$DATA/train/animals/cat/chelsea.json"
fi

METHOD="${DATASET_METHOD:-adain}"
if [[ "$METHOD" == adain ]]; then
  MODEL=out/dataset-example/models/adain.model
  if [[ ! -s "$MODEL" ]]; then
    echo "training the AdaIN decoder (once; resumes from its checkpoint if interrupted)..."
    "$CLI" train --decoder --content samples/photos --styles samples/styles --out "$MODEL" \
      --crop 128 --batch 4 --steps "${ADAIN_STEPS:-200}" --checkpoint-every 50
  fi
  METHOD_OPTIONS=(--method adain --model "$MODEL")
else
  METHOD_OPTIONS=(--method gatys --iterations 50)
fi

set +e
"$CLI" dataset \
  --content "$DATA" \
  --styles samples/styles \
  --out out/dataset-example/stylized \
  --content-size 128 --crop center --format jpg \
  "${METHOD_OPTIONS[@]}" --seed 1 \
  "$@"
status=$?
set -e
echo
echo "results: $REPO_ROOT/out/dataset-example/stylized (exit code $status)"
exit $status
