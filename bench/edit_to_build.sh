#!/usr/bin/env bash
# Times what a user waits for in samples/Architectures: a clean Release build, then rebuilds after editing one attribute
# of ResNet-20 (the fc layer's units, 10 → 11 and back), each the median of --runs (default 3). The repository's
# generator and runtime are built first, so only the sample's own compilation is timed. Prints RESULT lines.
# --server builds with the C# compiler server (-p:UseSharedCompilation=true, started by the first build and warm for
# the timed ones), as on a developer's machine; this workplace's environment turns the server off, so that every build
# otherwise starts a fresh csc process.
# Usage: bench/edit_to_build.sh [--repo DIR] [--runs N] [--server]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs=3
server=()
while [ $# -gt 0 ]; do
  case "$1" in
    --repo) repo="$(cd "$2" && pwd)"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --server) server=(-p:UseSharedCompilation=true); shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
project="$repo/samples/Architectures/Architectures.csproj"
network="$repo/samples/Architectures/Networks/ResNet20.cs"
build() { dotnet build "$project" -c Release -nologo -v q -clp:ErrorsOnly "${server[@]}" >/dev/null; }
seconds() { local start end; start=$(date +%s.%N); "$@"; end=$(date +%s.%N); awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }'; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
cp "$network" "$network.orig"
trap 'mv -f "$network.orig" "$network"' EXIT
build   # the generator, the runtime and the sample's dependencies, so that each timing below is the sample's own build
clean=(); edit=()
for ((i = 0; i < runs; i++)); do
  rm -rf "$repo/samples/Architectures/obj/Release" "$repo/samples/Architectures/bin/Release"
  dotnet restore "$project" -v q >/dev/null
  clean+=("$(seconds build)")
  sed -i 's/\[Dense(10, Name = "fc")\]/[Dense(11, Name = "fc")]/' "$network"
  edit+=("$(seconds build)")
  cp "$network.orig" "$network"
  edit+=("$(seconds build)")
done
echo "RESULT sample_build project=Architectures compiler_server=$([ ${#server[@]} -gt 0 ] && echo yes || echo no) clean_s_median=$(printf '%s\n' "${clean[@]}" | median) edit_rebuild_s_median=$(printf '%s\n' "${edit[@]}" | median) runs=$runs clean_s=[${clean[*]}] edit_rebuild_s=[${edit[*]}]"
