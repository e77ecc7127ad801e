#!/usr/bin/env bash
# Where a 2-worker run's time goes: ROUNDS alternating rounds of a serial
# run, 2-worker process runs at --chunks 8 (the default, 4 per worker) and
# 2 (1 per worker), a 2-worker thread run, and two serial runs at once (the
# machine's own speedup); each run's wall time and its manifest's phases
# (plan, compute, merge), then the medians and speedups.
# Usage: benchmarks/scaling.sh FEATURIZE DATA [ROUNDS]
#   (DATA: a featurize gen dataset with labels.csv, as the bench makes)
set -euo pipefail
bin=$1 data=$2 rounds=${3:-15}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
common=(--labels "$data/labels.csv" --window 256 --stride 128)
phases() { /usr/bin/python3 -c 'import json,sys; t=json.load(open(sys.argv[1]+"/manifest.json"))["timings"]; print(*(round(t[k]*1000,2) for k in ("plan","compute","merge")))' "$1"; }
one() { # name, out, args...
  local name=$1 out=$2; shift 2
  local t0 t1; t0=$(date +%s%N)
  "$bin" run "$data" -o "$out" "${common[@]}" "$@" >/dev/null
  t1=$(date +%s%N)
  echo "$name $(( (t1 - t0) / 1000 )) $(phases "$out")"
}
for _ in $(seq "$rounds"); do
  one serial "$work/serial" --engine serial
  one process-2w-8c "$work/p8" --workers 2 --chunks 8
  one process-2w-2c "$work/p2" --workers 2 --chunks 2
  one thread-2w-8c "$work/t8" --engine thread --workers 2 --chunks 8
  t0=$(date +%s%N)
  "$bin" run "$data" -o "$work/a" "${common[@]}" --engine serial >/dev/null &
  "$bin" run "$data" -o "$work/b" "${common[@]}" --engine serial >/dev/null &
  wait
  t1=$(date +%s%N)
  echo "two-serial-at-once $(( (t1 - t0) / 1000 )) $(phases "$work/a")"
done > "$work/times"
/usr/bin/python3 - "$work/times" <<'PY'
import collections, statistics, sys
runs = collections.defaultdict(list)
for line in open(sys.argv[1]):
    name, *v = line.split()
    runs[name].append([float(x) for x in v])
med = {k: [statistics.median(c) for c in zip(*v)] for k, v in runs.items()}
print("| case | wall ms | plan ms | compute ms | merge ms |\n|---|---:|---:|---:|---:|")
for k, (wall, plan, comp, merge) in med.items():
    print(f"| {k} | {wall/1000:.1f} | {plan:.1f} | {comp:.1f} | {merge:.1f} |")
serial, twice = med["serial"], med["two-serial-at-once"]
machine = 2 * serial[0] / twice[0]
machine_c = 2 * serial[2] / twice[2]
print(f"\nmachine speedup: wall {machine:.3f}, compute phase {machine_c:.3f}")
for k in ("process-2w-8c", "process-2w-2c", "thread-2w-8c"):
    w, c = serial[0] / med[k][0], serial[2] / med[k][2]
    print(f"{k}: wall speedup {w:.3f} ({100*w/machine:.0f}% of the machine's), compute phase {c:.3f} ({100*c/machine_c:.0f}%)")
PY
