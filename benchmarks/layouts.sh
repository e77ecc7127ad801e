#!/usr/bin/env bash
# The same data as numbered CSV files, as one flat long table, as that
# table gzip-compressed, and as a stacked long table: `featurize run` on
# each (default features, --window 256 --stride 128), ROUNDS alternating
# rounds; checks that every layout gives the same feature.npy and prints
# the medians.
# Usage: benchmarks/layouts.sh FEATURIZE DATA_DIR [ROUNDS]
#   DATA_DIR: numbered files, e.g. from `featurize gen --n 1000 --rows 2000 --seed 1 -o DATA_DIR`
set -euo pipefail
bin=$(realpath "$1") data=$(realpath "$2") rounds=${3:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
/usr/bin/python3 - "$data" "$work" <<'PY'
import glob, gzip, os, sys
data, work = sys.argv[1], sys.argv[2]
n = len(glob.glob(os.path.join(data, "[0-9]*.csv")))
with open(f"{work}/flat.csv", "w") as flat, open(f"{work}/stacked.csv", "w") as st:
    for i in range(1, n + 1):
        with open(os.path.join(data, f"{i}.csv")) as f:
            names = f.readline().strip().split(",")
            if i == 1:
                flat.write("id,t," + ",".join(names) + "\n")
                st.write("id,t,kind,value\n")
            for t, line in enumerate(f):
                v = line.strip().split(",")
                flat.write(f"{i},{t},{','.join(v)}\n")
                for k, x in zip(names, v):
                    st.write(f"{i},{t},{k},{x}\n")
with open(f"{work}/flat.csv", "rb") as f, gzip.open(f"{work}/flat.csv.gz", "wb", compresslevel=6) as g:
    g.write(f.read())
PY
ls -l "$work"/*.csv* | awk '{print $5, $9}'
declare -A args=(
  [numbered]="$data"
  [flat]="$work/flat.csv --id-column id --sort-column t"
  [flat_gz]="$work/flat.csv.gz --id-column id --sort-column t"
  [stacked]="$work/stacked.csv --id-column id --sort-column t --kind-column kind --value-column value"
)
cases=(numbered flat flat_gz stacked)
declare -A times
for r in $(seq "$rounds"); do
  for c in "${cases[@]}"; do
    rm -rf "$work/out-$c"
    s=$(date +%s.%N)
    # shellcheck disable=SC2086
    "$bin" run ${args[$c]} --window 256 --stride 128 -o "$work/out-$c" --quiet >/dev/null 2>&1
    e=$(date +%s.%N)
    times[$c]+="$(echo "$e - $s" | bc) "
  done
done
for c in "${cases[@]}"; do
  cmp -s "$work/out-numbered/feature.npy" "$work/out-$c/feature.npy" || { echo "$c: feature.npy differs"; exit 1; }
  med=$(echo "${times[$c]}" | tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  echo "$c median ${med}s (${times[$c]})"
done
