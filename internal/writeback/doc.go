// Package writeback starts writing a file's dirty pages to disk without
// waiting for them (sync_file_range on Linux; nothing elsewhere), so that
// a later fsync finds little left to do.
package writeback
