package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/featurize/featurize/pipeline"
)

// needSlurm skips when no Slurm cluster answers, except in CI, where
// .ci/run starts one (../shared/slurm/local-slurm.sh) and the test must run.
func needSlurm(t *testing.T) {
	t.Helper()
	skip := func(format string, args ...any) {
		t.Helper()
		if os.Getenv("CI") != "" {
			t.Fatalf("Slurm missing in CI (.ci/run starts it): "+format, args...)
		}
		t.Skipf("no Slurm cluster (start one with ../shared/slurm/local-slurm.sh start): "+format, args...)
	}
	for _, name := range []string{"sbatch", "squeue", "scontrol", "scancel"} {
		if _, err := exec.LookPath(name); err != nil {
			skip("%v", err)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, "scontrol", "ping").CombinedOutput()
	if err != nil || !strings.Contains(string(out), "UP") {
		skip("scontrol ping: %v: %s", err, bytes.TrimSpace(out))
	}
}

// shellJoin quotes args for the sh -c of sbatch --wrap.
func shellJoin(args ...string) string {
	q := make([]string, len(args))
	for i, a := range args {
		q[i] = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
	}
	return strings.Join(q, " ")
}

// execOK runs a command and fails the test with its output if it fails.
func execOK(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

// slurmJob is one record of `scontrol -o show job ID`: an array job has
// one per task.
type slurmJob struct {
	JobID, ArrayTaskID, State, Reason, ExitCode, Dependency string
}

// showJobs returns the job's records, and the raw output for messages.
func showJobs(id string) ([]slurmJob, string) {
	out, err := exec.Command("scontrol", "-o", "show", "job", id).CombinedOutput()
	if err != nil {
		return nil, string(out)
	}
	var jobs []slurmJob
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		var j slurmJob
		for _, field := range strings.Fields(line) {
			k, v, _ := strings.Cut(field, "=")
			switch k {
			case "JobId":
				j.JobID = v
			case "ArrayTaskId":
				j.ArrayTaskID = v
			case "JobState":
				j.State = v
			case "Reason":
				j.Reason = v
			case "ExitCode":
				j.ExitCode = v
			case "Dependency":
				j.Dependency = v
			}
		}
		jobs = append(jobs, j)
	}
	return jobs, string(out)
}

// slurmReport is what a failure shows: the jobs' records and their output.
func slurmReport(ids []string, logs string) string {
	var b strings.Builder
	for _, id := range ids {
		jobs, out := showJobs(id)
		if jobs == nil {
			b.WriteString("scontrol show job " + id + ": " + out + "\n")
		}
		for _, j := range jobs {
			name := "job " + j.JobID
			if j.ArrayTaskID != "" {
				name += " (task " + id + "_" + j.ArrayTaskID + ")"
			}
			fmt.Fprintf(&b, "%s: %s, reason %s, exit %s, dependency %s\n", name, j.State, j.Reason, j.ExitCode, j.Dependency)
		}
	}
	files, _ := filepath.Glob(filepath.Join(logs, "*"))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			data = []byte(err.Error())
		}
		b.WriteString("== " + filepath.Base(f) + "\n" + string(data) + "\n")
	}
	return b.String()
}

// waitSlurm polls squeue until the jobs have left the queue. A dependent
// job whose afterok can no longer be met (a task failed) stays pending
// forever with reason DependencyNeverSatisfied: that fails at once.
func waitSlurm(t *testing.T, timeout time.Duration, logs string, ids ...string) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		out, err := exec.Command("squeue", "-h", "-j", strings.Join(ids, ","), "-o", "%i %T %r").CombinedOutput()
		queued := strings.TrimSpace(string(out))
		if err != nil { // a busy controller times out now and then: retry
			queued = fmt.Sprintf("squeue: %v: %s", err, queued)
		}
		switch {
		case err == nil && queued == "":
			return
		case err == nil && strings.Contains(queued, "DependencyNeverSatisfied"):
			t.Fatalf("a job failed, so its dependent will never run:\n%s\n%s", queued, slurmReport(ids, logs))
		case time.Now().After(deadline):
			t.Fatalf("jobs still queued after %v:\n%s\n%s", timeout, queued, slurmReport(ids, logs))
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// TestSlurmArrayJob runs a sharded run the way the README tells Slurm
// users to: a 4-task array job whose tasks take their shard from the
// SLURM_ARRAY_* variables, then `featurize merge` in a job that depends on
// it with afterok. The arrays must be byte-identical to a local run's and
// the manifest must record the 4 shards. It logs both wall times.
func TestSlurmArrayJob(t *testing.T) {
	needSlurm(t)
	dir := t.TempDir()
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "featurize")
	execOK(t, goBin, "build", "-o", bin, "..")

	data := filepath.Join(dir, "data")
	execOK(t, bin, "gen", "--n", "60", "--rows", "1500", "--out", data)
	const shards = 4
	chunks := min(pipeline.ChunksPerShard*shards, 60) // the sharded runs' default
	common := []string{"run", data, "--labels", filepath.Join(data, "labels.csv"), "--window", "128", "--stride", "64", "--quiet"}

	local := filepath.Join(dir, "local")
	t0 := time.Now()
	execOK(t, bin, append(common, "--chunks", strconv.Itoa(chunks), "-o", local)...)
	localTime := time.Since(t0)

	shared := filepath.Join(dir, "shared")
	logs := filepath.Join(dir, "logs")
	if err := os.Mkdir(logs, 0o755); err != nil {
		t.Fatal(err)
	}
	var ids []string
	sbatch := func(args ...string) string {
		t.Helper()
		out := strings.TrimSpace(execOK(t, "sbatch", append([]string{"--parsable", "--chdir=" + dir}, args...)...))
		id, _, _ := strings.Cut(out, ";") // "id;cluster" on a multi-cluster setup
		if _, err := strconv.Atoi(id); err != nil {
			t.Fatalf("sbatch --parsable printed %q; want a job ID", out)
		}
		ids = append(ids, id)
		return id
	}
	t.Cleanup(func() {
		if t.Failed() && len(ids) > 0 {
			_ = exec.Command("scancel", ids...).Run()
		}
	})
	t0 = time.Now()
	array := sbatch(fmt.Sprintf("--array=0-%d", shards-1), "--job-name=featurize-shards", "--output="+filepath.Join(logs, "shard-%A_%a.out"),
		"--wrap", shellJoin(append(append([]string{bin}, common...), "-o", shared)...))
	merge := sbatch("--dependency=afterok:"+array, "--job-name=featurize-merge", "--output="+filepath.Join(logs, "merge-%j.out"),
		"--wrap", shellJoin(bin, "merge", shared))
	waitSlurm(t, 3*time.Minute, logs, array, merge)
	slurmTime := time.Since(t0)

	tasks, out := showJobs(array)
	var taskIDs []string
	for _, j := range tasks {
		taskIDs = append(taskIDs, j.ArrayTaskID)
		if j.State != "COMPLETED" || j.ExitCode != "0:0" {
			t.Errorf("array task %s_%s: %s (%s), exit %s; want COMPLETED, exit 0:0", array, j.ArrayTaskID, j.State, j.Reason, j.ExitCode)
		}
	}
	slices.Sort(taskIDs)
	if want := []string{"0", "1", "2", "3"}; !slices.Equal(taskIDs, want) {
		t.Errorf("array job %s has tasks %v; want %v\n%s", array, taskIDs, want, out)
	}
	if jobs, out := showJobs(merge); len(jobs) != 1 || jobs[0].State != "COMPLETED" || jobs[0].ExitCode != "0:0" {
		t.Errorf("merge job %s: %+v; want one COMPLETED record, exit 0:0\n%s", merge, jobs, out)
	}
	if t.Failed() {
		t.Fatal(slurmReport(ids, logs))
	}
	// Each task took its shard from Slurm's variables, not a flag.
	for i := range shards {
		log, err := os.ReadFile(filepath.Join(logs, "shard-"+array+"_"+strconv.Itoa(i)+".out"))
		if want := fmt.Sprintf("shard %d/%d (from Slurm: SLURM_ARRAY_TASK_ID=", i, shards); err != nil || !strings.Contains(string(log), want) {
			t.Errorf("task %d output (%v) lacks %q:\n%s", i, err, want, log)
		}
	}

	for _, name := range []string{"feature.npy", "target.npy", "groups.npy", "series_rows.npy"} {
		want, err1 := os.ReadFile(filepath.Join(local, name))
		got, err2 := os.ReadFile(filepath.Join(shared, name))
		if err1 != nil || err2 != nil || !bytes.Equal(got, want) {
			t.Errorf("merged %s (%d bytes, %v) differs from the local run's (%d bytes, %v)", name, len(got), err2, len(want), err1)
		}
	}
	var man pipeline.Manifest
	readJSON(t, filepath.Join(shared, "manifest.json"), &man)
	var got []string
	for _, sh := range man.Shards {
		got = append(got, sh.Shard)
	}
	slices.Sort(got)
	if want := []string{"0/4", "1/4", "2/4", "3/4"}; !slices.Equal(got, want) {
		t.Errorf("manifest shards %v; want %v", got, want)
	}
	// Beyond where and when it ran, the manifest is the local run's. The
	// worker count is each task's CPU count, which Slurm may restrict.
	var a, b map[string]any
	readJSON(t, filepath.Join(local, "manifest.json"), &a)
	readJSON(t, filepath.Join(shared, "manifest.json"), &b)
	for _, m := range []map[string]any{a, b} {
		for _, k := range []string{"created", "timings", "memory", "shards"} {
			delete(m, k)
		}
		if opts, ok := m["options"].(map[string]any); ok {
			delete(opts, "workers")
		}
	}
	if !reflect.DeepEqual(a, b) {
		t.Errorf("merged manifest differs from the local run's beyond timings, shards and workers:\nlocal  %v\nmerged %v", a, b)
	}
	t.Logf("%d files x 1500 rows, %d chunks, %d CPUs: local run %v; Slurm array of %d tasks + merge job %v (sbatch to both jobs gone from squeue; slowest shard %.2fs, merge %.2fs)",
		man.Input.N, chunks, runtime.NumCPU(), localTime.Round(time.Millisecond), shards, slurmTime.Round(time.Millisecond),
		man.Timings.Compute, man.Timings.Merge)
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}
