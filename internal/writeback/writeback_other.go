//go:build !linux

package writeback

import "os"

// Start does nothing: only Linux has sync_file_range.
func Start(*os.File) {}
