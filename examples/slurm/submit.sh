#!/bin/bash
# Submits a sharded featurize run to Slurm: an array job of $SHARDS tasks
# (featurize-array.sbatch), then `featurize merge $OUT` in a job that starts
# only when every task has succeeded (afterok).
#
#   IN=/shared/data OUT=/shared/features bash submit.sh \
#     --labels /shared/data/labels.csv --window 128 --stride 64
#
# The arguments are `featurize run` flags, the same for every shard.
# FEATURIZE (default: featurize on PATH) names the binary.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
: "${IN:?set IN to the input directory}"
: "${OUT:?set OUT to the output directory, on a file system every node sees}"
SHARDS=${SHARDS:-4}
FEATURIZE=${FEATURIZE:-featurize}
export IN OUT FEATURIZE # sbatch passes the environment on (--export=ALL)

if [ -e "$OUT/featurize-parts" ]; then
  echo "submit.sh: $OUT/featurize-parts exists (an earlier run?): remove it or choose another OUT" >&2
  exit 1
fi

# --parsable prints the job ID (and ";cluster" on a multi-cluster setup).
array=$(sbatch --parsable --array="0-$((SHARDS - 1))" "$here/featurize-array.sbatch" "$@")
array=${array%%;*}
merge=$(sbatch --parsable --dependency="afterok:$array" --job-name=featurize-merge \
  --output=featurize-merge-%j.out \
  --wrap "exec $(printf '%q' "$FEATURIZE") merge $(printf '%q' "$OUT")")
merge=${merge%%;*}

echo "array job $array ($SHARDS shards), merge job $merge"
echo "follow with: squeue -j $array,$merge; outputs: featurize-${array}_*.out, featurize-merge-$merge.out"
