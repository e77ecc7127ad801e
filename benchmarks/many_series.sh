#!/usr/bin/env bash
# featurize run on N tiny files (10 rows each) for each N given: wall
# time, the whole run's peak RSS (/usr/bin/time: the parent and, whichever
# is larger, a worker), the parent's own peak and the plan phase (from the
# manifest), and manifest.json's size.
# Usage: benchmarks/many_series.sh FEATURIZE N...   (e.g. 10000 100000 1000000)
#   data in /tmp/many-N, made once with `featurize gen --n N --rows 10 --seed 1`
set -euo pipefail
bin=$(realpath "$1"); shift
echo "| series | wall s | peak RSS MiB (time -v) | parent peak MiB | plan s | merge s | manifest.json bytes | series_rows.npy bytes |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
for n in "$@"; do
  data=/tmp/many-$n
  [ -e "$data/$n.csv" ] || "$bin" gen --n "$n" --rows 10 --seed 1 -o "$data" >/dev/null
  out=$(mktemp -d)
  r=$( { /usr/bin/time -f "%e %M" "$bin" run "$data" -o "$out" --quiet >/dev/null; } 2>&1 | tail -1)
  read -r plan merge parent < <(/usr/bin/python3 -c "
import json; m = json.load(open('$out/manifest.json'))
print(m['timings']['plan'], m['timings']['merge'], m['memory']['parent_max_rss_kib'])")
  printf "| %d | %s | %.1f | %.1f | %.3f | %.3f | %d | %d |\n" "$n" "${r% *}" "$(echo "${r#* } / 1024" | bc -l)" \
    "$(echo "$parent / 1024" | bc -l)" "$plan" "$merge" "$(stat -c %s "$out/manifest.json")" "$(stat -c %s "$out/series_rows.npy")"
  rm -rf "$out"
done
