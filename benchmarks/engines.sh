#!/usr/bin/env bash
# Wall time, throughput and peak memory of each engine with 1 and 2
# workers, alternating in rounds (median of ROUNDS). Peak RSS comes from
# the manifest: the parent's getrusage and the largest worker's (for the
# thread and serial engines the workers are the parent).
#   benchmarks/engines.sh DATA_DIR [ROUNDS] [extra run flags...]
set -euo pipefail
data=$1 rounds=${2:-5}
shift $(( $# >= 2 ? 2 : 1 ))
work=$(mktemp -d)
go build -o "$work/featurize" "$(dirname "$0")/.."
csv_mb=$(du -cb "$data"/*.csv | tail -1 | awk '{printf "%.1f", $1/1e6}')
declare -A wall prss wrss
cases="process:1 process:2 thread:1 thread:2 serial:1"
for r in $(seq "$rounds"); do
  for c in $cases; do
    e=${c%:*} w=${c#*:}
    s=$(date +%s.%N)
    "$work/featurize" run "$data" --engine "$e" --workers "$w" -o "$work/out" --quiet "$@" >/dev/null
    t=$(echo "$(date +%s.%N) - $s" | bc)
    wall[$c]+="$t "
    prss[$c]+="$(grep -o '"parent_max_rss_kib": [0-9]*' "$work/out/manifest.json" | grep -o '[0-9]*$') "
    wrss[$c]+="$(grep -o '"worker_max_rss_kib": [0-9]*' "$work/out/manifest.json" | grep -o '[0-9]*$') "
  done
done
rows=$(grep -o '"row_stop": [0-9]*' "$work/out/manifest.json" | tail -1 | grep -o '[0-9]*$')
med() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
echo "data: $data ($csv_mb MB of CSV), $rows output rows, flags: $*; median of $rounds alternating rounds"
echo
echo "| engine | workers | median s | rows/s | MB/s of CSV | parent peak RSS MiB | worker peak RSS MiB |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for c in $cases; do
  m=$(echo "${wall[$c]}" | med)
  p=$(echo "${prss[$c]}" | med) q=$(echo "${wrss[$c]}" | med)
  printf "| %s | %s | %.3f | %.0f | %.0f | %.1f | %.1f |\n" "${c%:*}" "${c#*:}" "$m" "$(echo "$rows / $m" | bc -l)" "$(echo "$csv_mb / $m" | bc -l)" "$(echo "$p/1024" | bc -l)" "$(echo "$q/1024" | bc -l)"
done
rm -rf "$work"
