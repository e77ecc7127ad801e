#!/usr/bin/env bash
# Median wall time of `featurize run` over --chunks values, alternating in
# rounds: the measurement behind the default --chunks (4 per worker).
#   benchmarks/chunks.sh DATA_DIR [ROUNDS] [WORKERS]
set -euo pipefail
data=$1 rounds=${2:-5} workers=${3:-2}
bin=$(mktemp -d)/featurize
go build -o "$bin" "$(dirname "$0")/.."
ks="1 2 4 8 16 32 64 128"
declare -A times
for r in $(seq "$rounds"); do
  for k in $ks; do
    s=$(date +%s.%N)
    "$bin" run "$data" --labels "$data/labels.csv" --window 256 --stride 128 --workers "$workers" --chunks "$k" -o "$(dirname "$bin")/out" --quiet >/dev/null
    e=$(date +%s.%N)
    times[$k]+="$(echo "$e - $s" | bc) "
  done
done
echo "| --chunks | median s ($rounds rounds, $workers workers) |"
echo "|---:|---:|"
for k in $ks; do
  med=$(echo ${times[$k]} | tr ' ' '\n' | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}')
  printf '| %s | %.3f |\n' "$k" "$med"
done
