#!/usr/bin/env bash
# The arm64 compiler fuses a*b+c into one rounding unless a product is
# converted (float64(a*b)); numpy's values need the two roundings. List
# every fused multiply-add of the arm64 build that is not an explicit
# math.FMA call, and fail if there is one.
set -euo pipefail
cd "$(dirname "$0")/.."
bad=0
while read -r loc; do
  file=${loc%:*} line=${loc##*:}
  src=$(sed -n "${line}p" "$file")
  case "$src" in
    *math.FMA*) ;;
    *) echo "fused multiply-add at $loc: $src"; bad=1 ;;
  esac
done < <(GOARCH=arm64 go build -gcflags='-S' ./feature/ ./internal/... ./input/ ./npyio/ ./split/ ./pipeline/ ./cli/ 2>&1 |
  grep -E '\bF(N?M(ADD|SUB))[DS]\b' | grep -oE '\(/[^)]+\.go:[0-9]+\)' | tr -d '()' | sort -u)
exit $bad
