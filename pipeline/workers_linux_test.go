//go:build linux

package pipeline

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// loggedWorkers makes every worker start append its pid to a log, write a
// line to stderr if noisy, then run as the test worker; it returns the log.
func loggedWorkers(t *testing.T, opts *Config, noisy bool) string {
	log := filepath.Join(t.TempDir(), "pids")
	testWorker(opts)
	echo := ""
	if noisy {
		echo = "echo starting >&2; "
	}
	opts.WorkerCommand = []string{"/bin/sh", "-c", "echo $$ >> " + log + "; " + echo + "exec " + os.Args[0] + " -test.run=^$"}
	return log
}

// checkNoWorkersLeft fails if a worker in the pid log still runs.
func checkNoWorkersLeft(t *testing.T, log string) {
	t.Helper()
	data, _ := os.ReadFile(log)
	for _, f := range strings.Fields(string(data)) {
		pid, _ := strconv.Atoi(f)
		stat, err := os.ReadFile("/proc/" + f + "/stat")
		if err == nil && !strings.Contains(string(stat), ") Z ") {
			t.Errorf("worker %d still runs after Run returned", pid)
			syscall.Kill(pid, syscall.SIGKILL)
		}
	}
}
