#!/usr/bin/env bash
# Fails (exit 1) if the JIT compiles any generated method of the benchmark's network with MinOpts.
#
# Usage: bench/check_jit.sh [bench command and options]      (default: lenet-train --quick)
# Runs CnnCompiler.Bench (Release) under DOTNET_JitStdOutFile + DOTNET_JitDisasmSummary=1, which log one line per
# compiled method with its tier, and looks at the methods of the generated networks: namespaces
# CnnCompiler.Bench.Networks (BenchLeNet5, BenchVggSmall), CnnCompiler.Generated (their file-local definitions, layers and
# kernel structs), CnnCompiler.CompilerServices (the runtime kernels they specialize) and CnnCompiler.Samples.Architectures (the
# sample's ResNet20, which the benchmark compiles in). Tier0 / Instrumented Tier0 lines are
# expected before tier-up; "MinOpts" (for instance "Tier-0 switched to MinOpts", which the JIT does when a method
# is too large to optimize: see /work/shared/TOOLCHAIN.md) means the method is never optimized.
# Exit codes: 0 no MinOpts, 1 MinOpts found (or no generated method seen), 2 build or run failure.
# The JIT log is kept at $JIT_LOG (default: a new /tmp/cnncompiler-jit.*.txt).
set -uo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
namespaces="CnnCompiler\.Bench\.Networks\.|CnnCompiler\.Samples\.Architectures\.|CnnCompiler\.Generated\.|CnnCompiler\.CompilerServices\."
args=("$@")
[ ${#args[@]} -gt 0 ] || args=(lenet-train --quick)
log="${JIT_LOG:-$(mktemp /tmp/cnncompiler-jit.XXXXXX.txt)}"
rm -f "$log"

dotnet build "$repo/bench/CnnCompiler.Bench/CnnCompiler.Bench.csproj" -c Release -nologo -v q -clp:ErrorsOnly \
  || { echo "check_jit.sh: the benchmark does not build." >&2; exit 2; }
optimize="$(dotnet build "$repo/bench/CnnCompiler.Bench/CnnCompiler.Bench.csproj" -c Release -getProperty:Optimize 2>/dev/null)"
[ "$optimize" = "true" ] || { echo "check_jit.sh: the Release build has Optimize=$optimize (expected true)." >&2; exit 2; }

echo "Running: DOTNET_JitStdOutFile=$log DOTNET_JitDisasmSummary=1 CnnCompiler.Bench ${args[*]}"
DOTNET_JitStdOutFile="$log" DOTNET_JitDisasmSummary=1 \
  dotnet "$repo/bench/CnnCompiler.Bench/bin/Release/net10.0/CnnCompiler.Bench.dll" "${args[@]}" >"$log.out" 2>&1
rc=$?
if [ $rc -ne 0 ] && ! grep -q '^RESULT ' "$log.out"; then
  echo "check_jit.sh: the benchmark failed (exit $rc); its output is in $log.out" >&2
  exit 2
fi
[ $rc -eq 0 ] || echo "note: the benchmark exited with $rc (output in $log.out); judging the JIT log anyway."

# "  123: JIT compiled Namespace.Type+Nested:Method(args) [Tier, IL size=…, code size=…]": keep generated methods only.
generated="$(grep -E "JIT compiled ($namespaces)" "$log" || true)"
total=$(printf '%s\n' "$generated" | grep -c . || true)
if [ "$total" -eq 0 ]; then
  echo "FAIL: no method of the generated networks ($namespaces) appears in $log: the check saw nothing." >&2
  exit 1
fi
methods=$(printf '%s\n' "$generated" | sed -E 's/.*JIT compiled ([^(]*)\(.*/\1/' | sort -u | wc -l)
echo "Generated methods compiled: $methods distinct, $total compilations. Tiers:"
printf '%s\n' "$generated" | sed -E 's/.*\) \[([^,]*),.*/\1/; s/ @0x[0-9a-f]+//' | sort | uniq -c | sort -rn | sed 's/^/  /'

minopts="$(printf '%s\n' "$generated" | grep -F 'MinOpts' || true)"
if [ -n "$minopts" ]; then
  echo "FAIL: generated methods compiled with MinOpts (never optimized):"
  printf '%s\n' "$minopts" | sed 's/^ */  /'
  exit 1
fi
echo "OK: no generated method was compiled with MinOpts (JIT log: $log)."
