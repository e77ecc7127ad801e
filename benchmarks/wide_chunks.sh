#!/usr/bin/env bash
# Side by side: two featurize binaries on (a) one 2-row file of COLS
# columns (18 features each) and (b) FILES tiny files with --chunks FILES,
# ROUNDS alternating rounds; prints each run's wall seconds and the medians.
# Usage: benchmarks/wide_chunks.sh OLD NEW [ROUNDS] [COLS] [FILES]
set -euo pipefail
old=$1 new=$2 rounds=${3:-5} cols=${4:-100000} files=${5:-50000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
/usr/bin/python3 - "$work" "$cols" "$files" <<'PY'
import os, sys
work, cols, files = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
os.makedirs(f"{work}/wide"); os.makedirs(f"{work}/tiny")
with open(f"{work}/wide/1.csv", "w") as f:
    f.write(",".join(f"x{j}" for j in range(cols)) + "\n")
    for r in range(2):
        f.write(",".join(str((j * 7 + r) % 13 * 0.5) for j in range(cols)) + "\n")
for i in range(1, files + 1):
    with open(f"{work}/tiny/{i}.csv", "w") as f:
        f.write("a,b\n1,2\n3,4\n")
PY
declare -A times
for r in $(seq "$rounds"); do
  for v in old new; do
    bin=${!v}
    for c in wide chunks; do
      args=("$work/wide"); [ "$c" = chunks ] && args=("$work/tiny" --chunks "$files")
      rm -rf "$work/out-$v-$c"
      s=$(date +%s.%N)
      "$bin" run "${args[@]}" -o "$work/out-$v-$c" --quiet >/dev/null
      e=$(date +%s.%N)
      t=$(echo "$e - $s" | bc)
      times[$v-$c]+="$t "
      echo "round $r $v $c ${t}s"
    done
  done
done
for k in old-wide new-wide old-chunks new-chunks; do
  echo "$k median $(echo ${times[$k]} | tr ' ' '\n' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')s"
done
