#!/usr/bin/env bash
# Compares the results of two builds bit for bit: ResNet-20 and two networks that use every element-wise kind
# (see BitwiseCheck/Program.cs for what is dumped).
#
# Usage: bench/compare_bitwise.sh BASE_BENCH_DIR NEW_BENCH_DIR [threads...]   (default threads: 1 2)
#   where each *_BENCH_DIR is a built bench/CnnCompiler.Bench/bin/Release/net10.0 of the build to compare, e.g.
#   bench/compare_bitwise.sh /work/wt/baseline/bench/CnnCompiler.Bench/bin/Release/net10.0 bench/CnnCompiler.Bench/bin/Release/net10.0
# BitwiseCheck is compiled once against each, with that tree's generator (src/Generator/bin/Release/netstandard2.0; in a
# temporary directory: neither tree is written to), run with each thread count, and the dumps are compared with cmp.
# Exit 0: identical; 1: a dump differs (the hashes show where).
set -euo pipefail
[ $# -ge 2 ] || { sed -n '2,11p' "$0"; exit 2; }
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
base="$(cd "$1" && pwd)"; new="$(cd "$2" && pwd)"; shift 2
threads=("$@"); [ ${#threads[@]} -gt 0 ] || threads=(1 2)
work="$(mktemp -d /tmp/bitwise-check.XXXXXX)"
for side in base new; do
  dir="$base"; [ "$side" = new ] && dir="$new"
  mkdir -p "$work/$side/src"
  cp "$here/BitwiseCheck/"*.cs "$here/BitwiseCheck/BitwiseCheck.csproj" "$work/$side/src/"
  generator="$(cd "$dir/../../../../.." && pwd)/src/Generator/bin/Release/netstandard2.0"
  dotnet build "$work/$side/src/BitwiseCheck.csproj" -c Release -nologo -v q -clp:ErrorsOnly -p:BenchDir="$dir" -p:GeneratorDir="$generator" -o "$work/$side/bin" >"$work/$side/build.log" \
    || { cat "$work/$side/build.log" >&2; echo "compare_bitwise.sh: BitwiseCheck does not build against $dir" >&2; exit 2; }
done
status=0
for t in "${threads[@]}"; do
  for side in base new; do
    echo "== $side, threads=$t"
    dotnet "$work/$side/bin/BitwiseCheck.dll" "$work/$side.$t.bin" "$t" | tee "$work/$side.$t.txt"
  done
  if cmp -s "$work/base.$t.bin" "$work/new.$t.bin"; then
    echo "IDENTICAL threads=$t ($(stat -c %s "$work/new.$t.bin") bytes)"
  else
    echo "DIFFERENT threads=$t; sections that differ:"
    diff "$work/base.$t.txt" "$work/new.$t.txt" | grep '^[<>]' || true
    status=1
  fi
done
echo "dumps kept in $work"
exit $status
