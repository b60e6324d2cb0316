#!/usr/bin/env bash
# Publishes the silo and the CLI into one folder tree for a container image (used by deploy/Dockerfile and
# deploy/Dockerfile.cuda; runs anywhere the .NET 10 SDK does):
#   deploy/publish.sh cpu|cuda OUT
#     OUT/silo   src/StyleTransfer.Silo   (run: dotnet OUT/silo/StyleTransfer.Silo.dll)
#     OUT/cli    src/StyleTransfer.Cli    (run: dotnet OUT/cli/styletransfer.dll ...)
# Both are framework-dependent linux-x64 publishes (-r linux-x64: only the linux-x64 natives of TorchSharp's
# libtorch packages are copied, not the Windows and macOS ones). The Torch backend is the MSBuild property
# TorchBackend (Directory.Build.props): cpu = TorchSharp-cpu, cuda = TorchSharp-cuda-linux (libtorch 2.10, CUDA 12.8).
#
# The publish output is what runs: build/TorchSharpGlibcxx.targets patches libLibTorchSharp.so in the publish folder
# only when the build machine's libstdc++ lacks GLIBCXX_3.4.32, so build and run on the same distribution (the
# Dockerfiles use Ubuntu 24.04 for both, whose libstdc++ has it: the step leaves the library untouched there).
#
# The CLI references the silo project, so both outputs carry the same natives (about 0.6 GB on CPU, several GB with
# CUDA). Every file of OUT/cli that is byte-identical to the file of the same name in OUT/silo is replaced by a
# relative symbolic link to it, so the image stores it once; each program still loads exactly its own publish output.
set -euo pipefail

usage() { echo "usage: $0 cpu|cuda OUT" >&2; exit 2; }
[[ $# -eq 2 ]] || usage
backend="$1"
case "$backend" in cpu|cuda) ;; *) usage ;; esac
mkdir -p "$2"
out="$(cd "$2" && pwd)"

cd "$(dirname "${BASH_SOURCE[0]}")/.."
common=(-c Release -r linux-x64 --self-contained false -p:TorchBackend="$backend" -p:UseAppHost=false
        --nologo -v:minimal)
dotnet publish src/StyleTransfer.Silo/StyleTransfer.Silo.csproj "${common[@]}" -o "$out/silo"
dotnet publish src/StyleTransfer.Cli/StyleTransfer.Cli.csproj "${common[@]}" -o "$out/cli"

for required in silo/StyleTransfer.Silo.dll cli/styletransfer.dll silo/libLibTorchSharp.so; do
  [[ -f "$out/$required" ]] || { echo "error: $out/$required missing after publish" >&2; exit 1; }
done

linked=0
saved=0
while IFS= read -r -d '' file; do
  rel="${file#./}"
  [[ -f "$out/silo/$rel" && ! -L "$out/silo/$rel" ]] || continue
  cmp -s "$out/cli/$rel" "$out/silo/$rel" || continue
  # ../silo/<rel> from OUT/cli, one more ../ per folder level of <rel>.
  depth="$(awk -F/ '{ print NF - 1 }' <<<"$rel")"
  up=".."
  for ((i = 0; i < depth; i++)); do up="../$up"; done
  size="$(stat -c %s "$out/cli/$rel")"
  ln -sfn "$up/silo/$rel" "$out/cli/$rel"
  linked=$((linked + 1))
  saved=$((saved + size))
done < <(cd "$out/cli" && find . -type f -print0)

echo "published $backend silo to $out/silo and CLI to $out/cli ($linked CLI files linked to the silo's copies, $((saved / 1048576)) MiB saved)"
