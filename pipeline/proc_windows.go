//go:build windows

package pipeline

import (
	"os"
	"os/exec"
	"syscall"
	"unsafe"

	"golang.org/x/sys/windows"
)

// procGroup is a worker process and its children: on Windows a job object
// the worker is assigned to when started (its children join it), which
// kills them all at once and records their peak memory. The worker also
// gets a process group of its own, so that Ctrl-C in the console reaches
// only the parent, which stops the workers itself.
type procGroup struct{ job windows.Handle }

// inOwnGroup makes cmd start in a process group of its own.
func inOwnGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{CreationFlags: windows.CREATE_NEW_PROCESS_GROUP}
}

// groupOf puts cmd, started, in a new job object that kills its processes
// when the job's last handle closes.
func groupOf(cmd *exec.Cmd) (*procGroup, error) {
	job, err := windows.CreateJobObject(nil, nil)
	if err != nil {
		return nil, err
	}
	info := windows.JOBOBJECT_EXTENDED_LIMIT_INFORMATION{}
	info.BasicLimitInformation.LimitFlags = windows.JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE
	if _, err := windows.SetInformationJobObject(job, windows.JobObjectExtendedLimitInformation, uintptr(unsafe.Pointer(&info)), uint32(unsafe.Sizeof(info))); err != nil {
		windows.CloseHandle(job)
		return nil, err
	}
	p, err := windows.OpenProcess(windows.PROCESS_SET_QUOTA|windows.PROCESS_TERMINATE, false, uint32(cmd.Process.Pid))
	if err != nil {
		windows.CloseHandle(job)
		return nil, err
	}
	defer windows.CloseHandle(p)
	if err := windows.AssignProcessToJobObject(job, p); err != nil {
		windows.CloseHandle(job)
		return nil, err
	}
	return &procGroup{job: job}, nil
}

// kill terminates every process of the job at once.
func (g *procGroup) kill() {
	if g != nil && g.job != 0 {
		_ = windows.TerminateJobObject(g.job, 1)
	}
}

// maxRSSKiB returns the job's peak memory (its processes' committed
// memory, the closest Windows figure to a peak resident set).
func (g *procGroup) maxRSSKiB(*os.ProcessState) int64 {
	if g == nil || g.job == 0 {
		return 0
	}
	var info windows.JOBOBJECT_EXTENDED_LIMIT_INFORMATION
	if err := windows.QueryInformationJobObject(g.job, windows.JobObjectExtendedLimitInformation, uintptr(unsafe.Pointer(&info)), uint32(unsafe.Sizeof(info)), nil); err != nil {
		return 0
	}
	return int64(info.PeakProcessMemoryUsed / 1024)
}

// close releases the job, which kills what is left of it.
func (g *procGroup) close() {
	if g != nil && g.job != 0 {
		windows.CloseHandle(g.job)
		g.job = 0
	}
}

// processMemoryCounters is PSAPI's PROCESS_MEMORY_COUNTERS.
type processMemoryCounters struct {
	cb                         uint32
	pageFaultCount             uint32
	peakWorkingSetSize         uintptr
	workingSetSize             uintptr
	quotaPeakPagedPoolUsage    uintptr
	quotaPagedPoolUsage        uintptr
	quotaPeakNonPagedPoolUsage uintptr
	quotaNonPagedPoolUsage     uintptr
	pagefileUsage              uintptr
	peakPagefileUsage          uintptr
}

var procGetProcessMemoryInfo = windows.NewLazySystemDLL("kernel32.dll").NewProc("K32GetProcessMemoryInfo")

// selfMaxRSSKiB returns this process's peak working set.
func selfMaxRSSKiB() int64 {
	var c processMemoryCounters
	c.cb = uint32(unsafe.Sizeof(c))
	self, _ := windows.GetCurrentProcess()
	if r, _, _ := procGetProcessMemoryInfo.Call(uintptr(self), uintptr(unsafe.Pointer(&c)), uintptr(c.cb)); r == 0 {
		return 0
	}
	return int64(c.peakWorkingSetSize / 1024)
}

// killSelf and termSelf are the tests' faults; Windows has no SIGTERM to
// send, so both end the process at once.
func killSelf() { os.Exit(137) }
func termSelf() { os.Exit(143) }
