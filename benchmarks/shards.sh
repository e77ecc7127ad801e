#!/usr/bin/env bash
# A run split into SHARDS Slurm array tasks (--array=0-(SHARDS-1)%2 on the
# local cluster of ../shared/slurm), merged: the merged arrays must be the
# bytes of a local run with the same chunks; prints the merge's wall time
# and peak RSS beside the local run's own merge time, for each shard count.
# Usage: benchmarks/shards.sh FEATURIZE DATA_DIR SHARDS...   (e.g. 16 64 256)
set -euo pipefail
bin=$(realpath "$1") data=$(realpath "$2"); shift 2
here=$(cd "$(dirname "$0")" && pwd)
slurm="$here/../../shared/slurm/local-slurm.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"; bash "$slurm" stop >/dev/null 2>&1 || true' EXIT
bash "$slurm" start >/dev/null
per=8 # pipeline.ChunksPerShard: a sharded run's default chunks a shard
n=$(ls "$data" | grep -c '^[0-9]*\.csv$')
echo "data: $n files; shards: $*"
echo "| shards | chunks | tasks' wall s | merge s | merge peak RSS MiB | local run's merge s | outputs |"
echo "|---:|---:|---:|---:|---:|---:|---|"
for shards in "$@"; do
  chunks=$(( per * shards < n ? per * shards : n ))
  local_out="$work/local-$shards" shared="$work/shared-$shards"
  "$bin" run "$data" --window 256 --stride 128 --chunks "$chunks" -o "$local_out" --quiet >/dev/null
  t0=$(date +%s.%N)
  job=$(sbatch --parsable --chdir="$work" --array=0-$((shards - 1))%2 --output=/dev/null \
    --wrap "$bin run $data --window 256 --stride 128 -o $shared --quiet")
  while squeue -h -j "$job" 2>/dev/null | grep -q .; do sleep 0.5; done
  t1=$(date +%s.%N)
  m=$( { /usr/bin/time -f "%e %M" "$bin" merge "$shared" --quiet >/dev/null; } 2>&1 | tail -1)
  same=identical
  for f in feature.npy groups.npy series_rows.npy; do
    cmp -s "$local_out/$f" "$shared/$f" || same="$f differs"
  done
  lm=$(/usr/bin/python3 -c "import json; print(json.load(open('$local_out/manifest.json'))['timings']['merge'])")
  printf "| %d | %d | %.1f | %s | %.1f | %.3f | %s |\n" "$shards" "$chunks" "$(echo "$t1 - $t0" | bc)" "${m% *}" "$(echo "${m#* } / 1024" | bc -l)" "$lm" "$same"
  rm -rf "$local_out" "$shared"
done
