#!/usr/bin/env bash
# Sample images for the README's example, taken from Debian's scikit-image data package (public-domain and
# CC-licensed test images; see the package's copyright file). Nothing is committed to the repository.
#   scripts/fetch-samples.sh [dest]     default dest: <repo>/samples (gitignored)
# Result: dest/photos/{astronaut,chelsea,coffee}.png and rocket.jpg (colour photos, content images),
#         dest/styles/ihc.png (immunohistochemistry micrograph: brown/blue brush-stroke-like texture, the style),
#         and more textures for random styles (scripts/dataset-example.sh): hubble_deep_field.jpg, brick.png, grass.png, gravel.png.
# Idempotent: does nothing when every file is already there.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEST="${1:-$REPO_ROOT/samples}"
PACKAGE="python3-skimage"
PHOTOS=(astronaut.png chelsea.png coffee.png rocket.jpg)
STYLES=(ihc.png hubble_deep_field.jpg brick.png grass.png gravel.png)

have_all() {
  local f
  for f in "${PHOTOS[@]}"; do [[ -s "$DEST/photos/$f" ]] || return 1; done
  for f in "${STYLES[@]}"; do [[ -s "$DEST/styles/$f" ]] || return 1; done
}

if have_all; then
  echo "samples already in $DEST"
  exit 0
fi

command -v apt-get >/dev/null && command -v dpkg >/dev/null || {
  echo "fetch-samples: needs apt-get and dpkg (Debian/Ubuntu) to download $PACKAGE" >&2
  exit 1
}

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# As root, apt warns that it downloads "unsandboxed" into a folder its _apt user cannot write; that is harmless.
download() { (cd "$WORK" && apt-get download "$PACKAGE") >"$WORK/apt.log" 2>&1; }
if ! download; then
  # A fresh container has no package lists yet.
  echo "fetch-samples: 'apt-get download $PACKAGE' failed; running 'apt-get update' and retrying"
  apt_get=(apt-get)
  [[ $(id -u) -eq 0 ]] || apt_get=(sudo apt-get)
  "${apt_get[@]}" update >"$WORK/update.log" 2>&1 || {
    echo "fetch-samples: 'apt-get update' failed:" >&2
    tail -5 "$WORK/update.log" >&2
    exit 1
  }
  download || {
    echo "fetch-samples: 'apt-get download $PACKAGE' failed:" >&2
    tail -5 "$WORK/apt.log" >&2
    exit 1
  }
fi

DEB="$(ls "$WORK"/"$PACKAGE"_*.deb)"
dpkg -x "$DEB" "$WORK/root"
DATA="$(find "$WORK/root" -type d -path '*/skimage/data' | head -1)"
[[ -n "$DATA" ]] || { echo "fetch-samples: no skimage/data folder in $(basename "$DEB")" >&2; exit 1; }

mkdir -p "$DEST/photos" "$DEST/styles"
for f in "${PHOTOS[@]}"; do install -m 644 "$DATA/$f" "$DEST/photos/$f"; done
for f in "${STYLES[@]}"; do install -m 644 "$DATA/$f" "$DEST/styles/$f"; done
have_all || { echo "fetch-samples: some sample files are missing from $(basename "$DEB")" >&2; exit 1; }
echo "samples from $(basename "$DEB") in $DEST: photos/ (${PHOTOS[*]}), styles/ (${STYLES[*]})"
