package pipeline

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
)

// ChunksPerShard sets the default --chunks of a sharded run. It depends
// only on the shard count, so every shard plans the same chunks whatever
// its machine's CPU count.
const ChunksPerShard = 8

// ErrShard reports a sharded run or merge that cannot go on.
var ErrShard = errors.New("pipeline: shards")

// Shard is one of Count shares of a run's chunks: chunk c belongs to shard
// c mod Count, so each shard gets every Count-th chunk and the shards'
// work stays even when file sizes drift with the index.
type Shard struct {
	Index, Count int
	Reason       string // where the shard came from, for the user
}

func (sh *Shard) String() string { return fmt.Sprintf("%d/%d", sh.Index, sh.Count) }

// Owns reports whether chunk belongs to the shard.
func (sh *Shard) Owns(chunk int) bool { return chunk%sh.Count == sh.Index }

// ParseShard parses "I/N" with 0 <= I < N.
func ParseShard(s string) (*Shard, error) {
	is, ns, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(strings.TrimSpace(is))
	n, err2 := strconv.Atoi(strings.TrimSpace(ns))
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 0 || i >= n {
		return nil, usageErr("{{Shard}} %q: want I/N with 0 <= I < N", s)
	}
	return &Shard{Index: i, Count: n}, nil
}

// ShardRecord is written to the parts directory when a shard starts and
// again when it has finished: it carries the plan merge needs.
type ShardRecord struct {
	Version  string   `json:"version"`
	Shard    string   `json:"shard"`
	Reason   string   `json:"reason"`
	Host     string   `json:"host"`
	Chunks   []int    `json:"chunks"`
	Complete bool     `json:"complete"`
	Seconds  float64  `json:"seconds"`
	Rows     int      `json:"rows"`
	Workers  int      `json:"workers"`
	Engine   string   `json:"engine"`
	Format   string   `json:"format"`
	Spec     *Spec    `json:"spec"`
	Warnings []string `json:"warnings,omitempty"`
}

func shardRecordPath(partsDir string, sh *Shard) string {
	return filepath.Join(partsDir, fmt.Sprintf("shard-%04d-of-%04d.json", sh.Index, sh.Count))
}

// collector takes a shard's finished chunks.
type collector struct{ recs []*partRecord }

func (c *collector) add(rec *partRecord) error {
	c.recs = append(c.recs, rec)
	return nil
}

// runShard computes the shard's chunks into the parts directory. Other
// shards may be writing there too: it removes nothing of theirs.
func runShard(ctx context.Context, spec *Spec, cfg *Config, t0 time.Time, pre *prestart) (*Result, error) {
	sh := cfg.Shard
	spec.Shard = sh.String()
	ids := runChunks(spec, cfg)
	reason := ""
	if sh.Reason != "" {
		reason = " (" + sh.Reason + ")"
	}
	cfg.Reporter.Note(fmt.Sprintf("featurize: shard %s%s: %d of %d chunks", sh, reason, len(ids), len(spec.Chunks)))
	host, _ := os.Hostname()
	rec := &ShardRecord{Version: Version, Shard: sh.String(), Reason: sh.Reason, Host: host, Chunks: ids,
		Workers: cfg.Workers, Engine: cfg.Engine.String(), Format: cfg.Format.String(), Spec: spec}
	if rec.Chunks == nil {
		rec.Chunks = []int{}
	}
	if err := makePartsDir(spec.PartsDir); err != nil {
		return nil, err
	}
	if err := writeJSONAtomic(shardRecordPath(spec.PartsDir, sh), "", rec, true); err != nil {
		return nil, explainNoSpace(err)
	}
	var col collector
	if _, err := computeChunks(ctx, spec, cfg, ids, &col, pre); err != nil {
		return nil, err
	}
	var extra []ExtraColumns
	for _, r := range col.recs {
		rec.Rows += r.Rows
		rec.Warnings = append(rec.Warnings, r.Warnings...)
		extra = append(extra, r.Extra...)
	}
	warnExtraColumns(cfg.Reporter, spec, extra, len(extra))
	rec.Complete = true
	rec.Seconds = time.Since(t0).Seconds()
	if err := writeJSONAtomic(shardRecordPath(spec.PartsDir, sh), "", rec, true); err != nil {
		return nil, explainNoSpace(err)
	}
	return &Result{Spec: spec, Rows: rec.Rows, Seconds: rec.Seconds, Shard: rec}, nil
}

// writeJSONAtomic writes v as indented JSON to path as writeFileRenamed
// does (through tmp, or a temp file of a unique name if tmp is "").
func writeJSONAtomic(path, tmp string, v any, sync bool) error {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return writeFileRenamed(path, tmp, bytesWriter(append(data, '\n')), sync)
}

// MergeConfig is what Merge assembles, and how.
type MergeConfig struct {
	Dir      string   // the OutDir the shards wrote to
	Format   *Format  // the outputs' format; nil: the shards'
	NoLock   bool     // take no lock on Dir (see Config.NoLock)
	Reporter Reporter // nil: nothing reported
}

// Merge assembles the shards' parts in dir into the final outputs, exactly
// as a local run of the same command would have written them. Every chunk
// must be complete and made with the same options.
func Merge(ctx context.Context, cfg MergeConfig) (*Result, error) {
	t0 := time.Now()
	if cfg.Reporter == nil {
		cfg.Reporter = nopReporter{}
	}
	partsDir := filepath.Join(cfg.Dir, PartsDirName)
	if err := checkPartsDir(partsDir); err != nil {
		return nil, err
	}
	if !cfg.NoLock {
		lock, err := lockDir(cfg.Dir, true)
		if err != nil {
			return nil, err
		}
		defer lock.unlock()
	}
	paths, _ := filepath.Glob(filepath.Join(partsDir, "shard-*-of-*.json"))
	if len(paths) == 0 {
		return nil, inputf("%w: no shard records (shard-*-of-*.json) in %s: run `featurize run --shard I/N -o %s` first", ErrShard, partsDir, cfg.Dir)
	}
	sort.Strings(paths)
	// Each record holds the run's spec; one is kept, the others compared
	// with it as they are read.
	var recs []*ShardRecord
	var spec *Spec
	count := 0
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		var r ShardRecord
		if err := json.Unmarshal(data, &r); err != nil || r.Spec == nil {
			return nil, inputf("%w: %s is not a shard record: %v", ErrShard, p, err)
		}
		if r.Version != Version {
			return nil, inputf("%w: shard %s was run by featurize %s, whose parts this featurize %s does not merge: rerun the shards with this version", ErrShard, r.Shard, r.Version, Version)
		}
		sh, err := ParseShard(r.Shard)
		if err != nil {
			return nil, inputf("%w: shard record %q: %v", ErrShard, r.Shard, err)
		}
		if spec == nil {
			spec, count = r.Spec, sh.Count
		}
		if sh.Count != count || r.Spec.Hash != spec.Hash || len(r.Spec.Chunks) != len(spec.Chunks) {
			return nil, inputf("%w: shard %s was run with other options or inputs than shard %s (option hash %s vs %s, %d vs %d shards): rerun it with the same command",
				ErrShard, r.Shard, recs[0].Shard, r.Spec.Hash, spec.Hash, sh.Count, count)
		}
		if len(recs) > 0 {
			r.Spec = nil
		}
		recs = append(recs, &r)
	}
	spec.PartsDir = partsDir
	// The records are checked first (the parts' CRCs later, as they are
	// merged), then read again one at a time as the merge takes them:
	// their per-file lists are not all held at once.
	var missing []string
	var parts []int // each record's first chunk
	for c := 0; c < len(spec.Chunks); c++ {
		rec := spec.readRecordCRC(c, false)
		if rec == nil {
			missing = append(missing, fmt.Sprintf("chunk %d (files %v, shard %d/%d)", c, spec.Chunks[c], c%count, count))
			continue
		}
		parts = append(parts, c)
		c += rec.count() - 1
	}
	if len(missing) > 0 {
		return nil, inputf("%w: %d of %d chunks missing or incomplete: %s; rerun those shards, then merge again",
			ErrShard, len(missing), len(spec.Chunks), strings.Join(missing, ", "))
	}
	var format Format
	var err error
	if cfg.Format != nil {
		if format = *cfg.Format; format != FormatNPY && format != FormatTXT {
			return nil, usageErr("{{Format}} %v: want npy or txt", format)
		}
	} else if format, err = ParseFormat(recs[0].Format); err != nil {
		return nil, inputErr("%w: the shards' format %q is not npy or txt", ErrShard, recs[0].Format)
	}
	m, err := newMerger(spec, cfg.Dir, format, newRunID())
	if err != nil {
		return nil, err
	}
	defer m.abort()
	for _, c := range parts {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("%w: %w", ErrInterrupted, err)
		}
		rec := spec.readRecord(c)
		if rec == nil {
			return nil, inputf("%w: the record of chunk %d changed during the merge", ErrShard, c)
		}
		if err := m.add(rec); err != nil {
			return nil, explainNoSpace(err)
		}
	}
	man := m.manifest(recs[0].Workers, recs[0].Engine)
	warnExtraColumns(cfg.Reporter, spec, man.ExtraColumns, man.ExtraColumnsCount)
	for _, r := range recs {
		man.Timings.Compute = max(man.Timings.Compute, r.Seconds)
	}
	outputs, err := m.finish(man, func() {
		man.Timings.Merge = time.Since(t0).Seconds()
		man.Timings.Total = man.Timings.Compute + man.Timings.Merge
	})
	if err != nil {
		return nil, explainNoSpace(err)
	}
	return &Result{Spec: spec, Manifest: man, Rows: m.rows, Seconds: time.Since(t0).Seconds(), Outputs: outputs}, nil
}
