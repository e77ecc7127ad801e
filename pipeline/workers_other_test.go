//go:build !linux

package pipeline

import "testing"

// The worker-leak checks read /proc, which only Linux has; the tests that
// use them run in CI on Linux.
func loggedWorkers(t *testing.T, opts *Config, noisy bool) string {
	t.Skip("needs /proc")
	return ""
}

func checkNoWorkersLeft(t *testing.T, log string) {}
