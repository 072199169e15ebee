#!/usr/bin/env bash
# Runs CnnCompiler.Bench and the PyTorch peer (bench/pytorch_lenet.py) with the same LeNet-5 recipe in one session,
# for 1 and 2 threads, then prints a markdown table of both medians and their ratio. Each measurement (training,
# batch-1 latency, batch-64 throughput) runs as a pair of processes, ours and PyTorch's back to back, so that both
# see about the same machine load; the order within pairs alternates between rounds. CnnCompiler's alloc check runs
# once per round and thread count.
#
# Usage: bench/side_by_side.sh [--quick] [--rounds N] [--threads "1 2"] [--max-wait S] [-- OPTION...]
#   --quick       short smoke runs (indicative figures only)
#   --rounds N    repeat the whole set N times (default 2), alternating which implementation runs first
#   --threads L   thread counts to compare (default "1 2")
#   --max-wait S  before each run, wait up to S seconds (default 120; 0 = never) for the machine to be quiet
#                 (other processes below 10% of all CPUs over 2 s); the run starts anyway after S seconds
#   -- OPTION...  passed to both programs, e.g. -- --steps 200 --blocks 5 (timed blocks instead of 3 full epochs)
# Logs go to $LOGDIR (default: a new /tmp/cnncompiler-side-by-side.* directory).
# Installs nothing: needs /usr/bin/python3 with torch (apt-get install -y python3-torch libopenblas0-pthread) and the
# full Fashion-MNIST (apt-get install -y dataset-fashion-mnist).
set -uo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
quick=()
extra=()
rounds=2
threads_list="1 2"
max_wait=120
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=(--quick); shift ;;
    --rounds) rounds="$2"; shift 2 ;;
    --threads) threads_list="$2"; shift 2 ;;
    --max-wait) max_wait="$2"; shift 2 ;;
    --) shift; extra=("$@"); break ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "side_by_side.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

fail() { echo "side_by_side.sh: $*" >&2; exit 1; }

[ -x /usr/bin/python3 ] || fail "/usr/bin/python3 is missing (apt-get install -y python3-torch libopenblas0-pthread)."
/usr/bin/python3 -c 'import torch' 2>/dev/null || fail "PyTorch is missing for /usr/bin/python3 (apt-get install -y python3-torch libopenblas0-pthread)."
if ! dpkg -s libopenblas0-pthread >/dev/null 2>&1; then
  echo "WARNING: libopenblas0-pthread is not installed; PyTorch is not at its best without it (see /work/shared/README.md)." >&2
fi
data=/usr/share/datasets/fashion-mnist
[ -f "$data/train-images-idx3-ubyte.gz" ] || fail "the full Fashion-MNIST is missing from $data (apt-get install -y dataset-fashion-mnist)."

echo "Building bench/CnnCompiler.Bench (Release)…"
dotnet build "$repo/bench/CnnCompiler.Bench/CnnCompiler.Bench.csproj" -c Release -nologo -v q -clp:ErrorsOnly \
  || fail "the benchmark does not build."
dll="$repo/bench/CnnCompiler.Bench/bin/Release/net10.0/CnnCompiler.Bench.dll"

logdir="${LOGDIR:-$(mktemp -d /tmp/cnncompiler-side-by-side.XXXXXX)}"
mkdir -p "$logdir"
echo "Logs: $logdir"
echo "Machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $(/usr/bin/python3 -c 'import torch; print("torch", torch.__version__)'); $(dotnet --version | sed 's/^/.NET SDK /')"

# Share of all CPUs busy over the next 2 s (nothing of ours runs meanwhile, so this is other processes' load), in %.
busy_percent() {
  local a b
  read -r -a a < <(head -1 /proc/stat)
  sleep 2
  read -r -a b < <(head -1 /proc/stat)
  local busy=$(( (b[1]+b[2]+b[3]+b[6]+b[7]+b[8]) - (a[1]+a[2]+a[3]+a[6]+a[7]+a[8]) ))
  local total=$(( busy + (b[4]+b[5]) - (a[4]+a[5]) ))
  echo $(( total > 0 ? 100 * busy / total : 0 ))
}

wait_quiet() {
  [ "$max_wait" -gt 0 ] || return 0
  local start=$SECONDS pct
  while :; do
    pct=$(busy_percent)
    [ "$pct" -lt 10 ] && return 0
    if [ $((SECONDS - start)) -ge "$max_wait" ]; then
      echo "    (machine still ${pct}% busy after ${max_wait} s of waiting: running anyway)"
      return 0
    fi
  done
}

run_ours() {
  local t=$1 log=$2 command=$3
  wait_quiet
  echo "  CnnCompiler.Bench $command --threads $t ${quick[*]} ${extra[*]}"
  dotnet "$dll" "$command" --threads "$t" "${quick[@]}" "${extra[@]}" >"$log" 2>&1
  local rc=$?
  [ $rc -eq 0 ] || echo "    (exit code $rc: see $log)"
}

run_peer() {
  local t=$1 log=$2 command=$3
  wait_quiet
  echo "  pytorch_lenet.py --commands $command --threads $t ${quick[*]} ${extra[*]}"
  OPENBLAS_NUM_THREADS=1 /usr/bin/python3 "$repo/bench/pytorch_lenet.py" --commands "$command" --threads "$t" "${quick[@]}" "${extra[@]}" >"$log" 2>&1
  local rc=$?
  [ $rc -eq 0 ] || echo "    (exit code $rc: see $log)"
}

for round in $(seq 1 "$rounds"); do
  for t in $threads_list; do
    echo "Round $round, threads $t (load average $(cut -d' ' -f1 /proc/loadavg))"
    for pair in "lenet-train train" "lenet-infer-b1 b1" "lenet-infer-b64 b64"; do
      read -r ours_command peer_command <<<"$pair"
      ours="$logdir/r${round}_t${t}_cnncompiler_${peer_command}.log"
      peer="$logdir/r${round}_t${t}_pytorch_${peer_command}.log"
      if [ $((round % 2)) -eq 1 ]; then run_ours "$t" "$ours" "$ours_command"; run_peer "$t" "$peer" "$peer_command"
      else run_peer "$t" "$peer" "$peer_command"; run_ours "$t" "$ours" "$ours_command"; fi
    done
    run_ours "$t" "$logdir/r${round}_t${t}_cnncompiler_alloc.log" alloc
  done
done

echo
/usr/bin/python3 "$repo/bench/side_by_side_table.py" "$logdir"/r*_t*_*.log | tee "$logdir/table.md"
