package cli

import (
	"fmt"
	"strconv"

	"github.com/featurize/featurize/pipeline"
)

// resolveShard finds the run's shard: --shard, else a Slurm array task,
// else a Kubernetes Indexed Job's completion index with --shards. It
// returns nil for an ordinary local run.
func resolveShard(flag string, shards int, getenv func(string) string) (*pipeline.Shard, error) {
	switch {
	case flag != "":
		sh, err := pipeline.ParseShard(flag)
		if err != nil {
			return nil, err
		}
		sh.Reason = "from --shard " + flag
		return sh, nil
	case getenv("SLURM_ARRAY_TASK_ID") != "":
		id, err1 := strconv.Atoi(getenv("SLURM_ARRAY_TASK_ID"))
		lo, err2 := 0, error(nil)
		if v := getenv("SLURM_ARRAY_TASK_MIN"); v != "" {
			lo, err2 = strconv.Atoi(v)
		}
		count, err3 := strconv.Atoi(getenv("SLURM_ARRAY_TASK_COUNT"))
		if err1 != nil || err2 != nil || err3 != nil || count < 1 || id-lo < 0 || id-lo >= count {
			return nil, usagef("Slurm array variables SLURM_ARRAY_TASK_ID=%q SLURM_ARRAY_TASK_MIN=%q SLURM_ARRAY_TASK_COUNT=%q do not name a shard (featurize needs a contiguous array such as --array=0-3)",
				getenv("SLURM_ARRAY_TASK_ID"), getenv("SLURM_ARRAY_TASK_MIN"), getenv("SLURM_ARRAY_TASK_COUNT"))
		}
		if count == 1 {
			// Most likely one task of a larger array resubmitted alone
			// (sbatch --array=2): it cannot know its real shard.
			return nil, usagef("a Slurm array of one task (SLURM_ARRAY_TASK_ID=%d) cannot tell which shard of how many it is: set FEATURIZE_SHARD=I/N (or --shard I/N) as in the original array", id)
		}
		return &pipeline.Shard{Index: id - lo, Count: count, Reason: fmt.Sprintf("from Slurm: SLURM_ARRAY_TASK_ID=%d - SLURM_ARRAY_TASK_MIN=%d of SLURM_ARRAY_TASK_COUNT=%d", id, lo, count)}, nil
	case getenv("JOB_COMPLETION_INDEX") != "":
		id, err := strconv.Atoi(getenv("JOB_COMPLETION_INDEX"))
		if err != nil || shards < 1 || id < 0 || id >= shards {
			return nil, usagef("JOB_COMPLETION_INDEX=%q needs --shards N (or FEATURIZE_SHARDS, the Job's completions) with 0 <= index < N; have %d",
				getenv("JOB_COMPLETION_INDEX"), shards)
		}
		return &pipeline.Shard{Index: id, Count: shards, Reason: fmt.Sprintf("from Kubernetes: JOB_COMPLETION_INDEX=%d of --shards %d", id, shards)}, nil
	}
	return nil, nil
}
