package pipeline

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// Fault injection, for tests only: test binaries that stand in for
// featurize call InstallFaultsFromEnv; the featurize binary never does.
// FEATURIZE_TEST_FAULT=mode@chunk makes a worker misbehave before the
// second file of that chunk (mode: exit, kill, term, panic, hang, slow, garbage);
// with FEATURIZE_TEST_FAULT_ONCE=path only the first worker to get there
// does (it creates path).
const (
	faultEnv     = "FEATURIZE_TEST_FAULT"
	faultOnceEnv = "FEATURIZE_TEST_FAULT_ONCE"
)

// workerFileHook, set in a test's worker process by InstallFaultsFromEnv,
// runs before each file of a chunk there.
var workerFileHook func(task chunkTask, index int)

// InstallFaultsFromEnv arms the fault named in FEATURIZE_TEST_FAULT.
func InstallFaultsFromEnv() {
	spec := os.Getenv(faultEnv)
	if spec == "" {
		return
	}
	mode, chunkText, _ := strings.Cut(spec, "@")
	chunk, _ := strconv.Atoi(chunkText)
	workerFileHook = func(task chunkTask, index int) {
		if task.Chunk != chunk || index != task.Range.Start+1 {
			return
		}
		if once := os.Getenv(faultOnceEnv); once != "" {
			f, err := os.OpenFile(once, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
			if err != nil {
				return // another attempt already failed
			}
			f.Close()
		}
		fmt.Fprintf(os.Stderr, "fault %s at chunk %d file %d\n", mode, task.Chunk, index)
		switch mode {
		case "exit":
			os.Exit(3)
		case "kill":
			killSelf()
		case "term":
			termSelf()
			time.Sleep(300 * time.Millisecond) // let the signal land
		case "panic":
			panic("injected panic")
		case "hang":
			time.Sleep(time.Hour)
		case "slow": // the chunk goes on after a pause, if not stopped
			time.Sleep(300 * time.Millisecond)
		case "garbage":
			os.Stdout.WriteString("this is not json\n")
			time.Sleep(time.Hour)
		}
	}
}
