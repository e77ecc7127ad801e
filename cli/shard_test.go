package cli

import (
	"errors"
	"testing"

	"github.com/featurize/featurize/pipeline"
)

func TestResolveShard(t *testing.T) {
	env := func(kv ...string) func(string) string {
		m := map[string]string{}
		for i := 0; i < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return func(k string) string { return m[k] }
	}
	for _, tc := range []struct {
		name   string
		flag   string
		shards int
		getenv func(string) string
		want   string // "I/N", "" for none, "error"
	}{
		{"none", "", 0, env(), ""},
		{"flag", "2/4", 0, env("SLURM_ARRAY_TASK_ID", "1"), "2/4"},
		{"flag out of range", "4/4", 0, env(), "error"},
		{"slurm", "", 0, env("SLURM_ARRAY_TASK_ID", "5", "SLURM_ARRAY_TASK_MIN", "3", "SLURM_ARRAY_TASK_COUNT", "4"), "2/4"},
		{"slurm without min", "", 0, env("SLURM_ARRAY_TASK_ID", "1", "SLURM_ARRAY_TASK_COUNT", "2"), "1/2"},
		{"slurm one-task array", "", 0, env("SLURM_ARRAY_TASK_ID", "2", "SLURM_ARRAY_TASK_MIN", "2", "SLURM_ARRAY_TASK_COUNT", "1"), "error"},
		{"slurm one-task array with --shard", "2/4", 0, env("SLURM_ARRAY_TASK_ID", "2", "SLURM_ARRAY_TASK_MIN", "2", "SLURM_ARRAY_TASK_COUNT", "1"), "2/4"},
		{"slurm bad", "", 0, env("SLURM_ARRAY_TASK_ID", "9", "SLURM_ARRAY_TASK_MIN", "0", "SLURM_ARRAY_TASK_COUNT", "4"), "error"},
		{"kubernetes", "", 3, env("JOB_COMPLETION_INDEX", "2"), "2/3"},
		{"kubernetes without count", "", 0, env("JOB_COMPLETION_INDEX", "0"), "error"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sh, err := resolveShard(tc.flag, tc.shards, tc.getenv)
			got := ""
			switch {
			case err != nil:
				got = "error"
				if !errors.Is(err, pipeline.ErrUsage) {
					t.Errorf("error %v is not a usage error", err)
				}
			case sh != nil:
				got = sh.String()
				if sh.Reason == "" {
					t.Error("shard has no reason")
				}
			}
			if got != tc.want {
				t.Errorf("resolveShard = %q (%v); want %q", got, err, tc.want)
			}
		})
	}
}
