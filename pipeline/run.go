package pipeline

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/featurize/featurize/split"
)

// Result describes a finished run, or a finished shard (Shard set, no
// outputs: its parts wait in the parts directory for merge).
type Result struct {
	Spec     *Spec
	Manifest *Manifest
	Rows     int
	Seconds  float64
	Outputs  []string
	Shard    *ShardRecord
}

// Run executes a whole run: plan, compute, merge, manifest. With
// config.Shard it computes only that shard's chunks; Merge assembles them.
func Run(ctx context.Context, config Config) (*Result, error) {
	t0 := time.Now()
	cfg := config.withDefaults()
	external := len(cfg.ExternalCommand) > 0
	if cfg.Engine == EngineProcess && !external && len(cfg.WorkerCommand) == 0 && !servesWorkers.Load() {
		return nil, ErrNoWorkerServe
	}
	pre := prestartWorkers(ctx, &cfg)
	defer pre.close()
	if external {
		env, cleanup, err := extEnv()
		if err != nil {
			return nil, err
		}
		defer cleanup()
		pre.ext = startExtWorkers(ctx, &cfg, env, prestartCount(&cfg))
	}
	spec, stats, err := plan(cfg)
	if err != nil {
		return nil, err
	}
	if external {
		if err := probeExternal(ctx, spec, &cfg, pre.ext); err != nil {
			return nil, err
		}
		if spec.ExtTarget {
			spec.TargetDType = "float64"
		}
		spec.Hash = hashSpec(spec, stats)
	}
	tPlan := time.Since(t0)
	if err := os.MkdirAll(cfg.OutDir, 0o755); err != nil {
		return nil, err
	}
	if !cfg.NoLock {
		lock, err := lockDir(cfg.OutDir, cfg.Shard == nil)
		if err != nil {
			return nil, err
		}
		defer lock.unlock()
	}
	if cfg.Shard != nil {
		return runShard(ctx, spec, &cfg, t0, pre)
	}
	if !cfg.Resume {
		if err := removePartsDir(spec.PartsDir); err != nil {
			return nil, err
		}
	}
	if err := makePartsDir(spec.PartsDir); err != nil {
		return nil, err
	}
	removeTemps(spec.PartsDir, "*")
	// This run holds OUT's lock: temp outputs of a killed earlier run can go.
	removeStaleTemps(cfg.OutDir)
	m, err := newMerger(spec, cfg.OutDir, cfg.Format, spec.RunID)
	if err != nil {
		return nil, err
	}
	defer m.abort()
	tCompute := time.Now()
	workerRSS, err := computeChunks(ctx, spec, &cfg, allChunks(spec), m, pre)
	if err != nil {
		return nil, err
	}
	computeTime := time.Since(tCompute)

	tMerge := time.Now()
	man := m.manifest(cfg.Workers, cfg.Engine.String())
	warnExtraColumns(cfg.Reporter, spec, man.ExtraColumns, man.ExtraColumnsCount)
	man.Timings = Timings{Plan: tPlan.Seconds(), Compute: computeTime.Seconds()}
	man.Memory = memoryUse(cfg.Engine, workerRSS)
	outputs, err := m.finish(man, func() { man.Timings.Merge = time.Since(tMerge).Seconds(); man.Timings.Total = time.Since(t0).Seconds() })
	if err != nil {
		return nil, explainNoSpace(err)
	}
	if !cfg.KeepParts {
		_ = removePartsDir(spec.PartsDir)
	}
	return &Result{Spec: spec, Manifest: man, Rows: m.rows, Seconds: time.Since(t0).Seconds(), Outputs: outputs}, nil
}

// warnExtraColumns gives the one warning about files with columns the
// first file lacks.
func warnExtraColumns(rep Reporter, spec *Spec, extra []ExtraColumns, count int) {
	if w := extraColumnsWarning(spec, extra, count); w != "" {
		rep.Warn(w)
	}
}

// takeAhead takes the task a worker process gets with its current one,
// so that it starts it without a round trip through this process. It
// takes none when fewer than workers remain: the last tasks stay for
// whichever slot is free first.
func takeAhead(tasks <-chan chunkTask, workers int) *chunkTask {
	if len(tasks) < workers {
		return nil
	}
	select {
	case t, ok := <-tasks:
		if ok {
			return &t
		}
	default:
	}
	return nil
}

// runChunks are the chunks cfg's run computes: its shard's, or all.
func runChunks(spec *Spec, cfg *Config) []int {
	if cfg.Shard == nil {
		return allChunks(spec)
	}
	var ids []int
	for c := range spec.Chunks {
		if cfg.Shard.Owns(c) {
			ids = append(ids, c)
		}
	}
	return ids
}

// startedWorkers is how many workers a run of tasks starts: no more than
// tasks, and one for the serial engine.
func startedWorkers(cfg *Config, tasks int) int {
	if cfg.Engine == EngineSerial {
		return 1
	}
	return min(cfg.Workers, tasks)
}

func allChunks(spec *Spec) []int {
	ids := make([]int, len(spec.Chunks))
	for i := range ids {
		ids[i] = i
	}
	return ids
}

// sink takes finished chunks: the merger, or a shard's collector.
type sink interface {
	add(rec *partRecord) error
}

// computeChunks computes the chunks ids (reusing complete parts with
// --resume) and hands every record to out. It returns the largest worker
// peak RSS, KiB.
func computeChunks(ctx context.Context, spec *Spec, cfg *Config, ids []int, out sink, pre *prestart) (int64, error) {
	files := 0
	for _, c := range ids {
		files += spec.Chunks[c].Len()
	}
	bytes := spec.InputBytes
	if len(ids) < len(spec.Chunks) { // a shard's share, about
		bytes = bytes * int64(files) / int64(max(spec.N, 1))
	}
	cfg.Reporter.Start(files, bytes)
	defer cfg.Reporter.Stop()
	prog := &progress{rep: cfg.Reporter}
	for _, note := range spec.Notes {
		prog.warn(note)
	}
	var todo []int
	var reused []*partRecord
	nReused := 0
	for k := 0; k < len(ids); k++ {
		c := ids[k]
		if cfg.Resume {
			if rec := spec.readRecord(c); rec != nil && consecutive(ids[k:], rec.count()) {
				reused = append(reused, rec)
				prog.filesDone(rec.Range.Len(), rec.Rows, rec.Bytes)
				nReused += rec.count()
				k += rec.count() - 1
				continue
			}
		}
		todo = append(todo, c)
	}
	if cfg.Resume {
		cfg.Reporter.Note(fmt.Sprintf("resume: reusing %d of %d chunks", nReused, len(ids)))
		if v := earlierVersion(spec.PartsDir); nReused == 0 && v != "" && v != Version {
			cfg.Reporter.Warn(fmt.Sprintf("resume: the parts in %s were written by featurize %s, not this %s: every chunk is computed again", spec.PartsDir, v, Version))
		}
	}
	tasks := groupTasks(spec, todo, maxTasks(spec, cfg.Workers))
	var workerRSS atomic.Int64
	if err := compute(ctx, spec, cfg, tasks, reused, out, prog, pre, &workerRSS); err != nil {
		removeTemps(spec.PartsDir, spec.RunID) // of workers killed mid-chunk
		if ctx.Err() != nil && !errors.Is(err, ErrInput) {
			return 0, fmt.Errorf("%w: %w", ErrInterrupted, context.Cause(ctx))
		}
		return 0, explainNoSpace(err)
	}
	return workerRSS.Load(), nil
}

// consecutive reports whether ids starts with n consecutive chunks.
func consecutive(ids []int, n int) bool {
	return len(ids) >= n && ids[n-1] == ids[0]+n-1
}

// Tasks per worker and input bytes per task: up to these, each chunk is
// its own task; beyond them consecutive chunks are computed as one task,
// so that a chunk costs no part files of its own (four files each: ~0.4
// ms here, most of a tiny file's cost; see BenchmarkManyChunks).
const (
	tasksPerWorker = 16
	taskBytes      = 16 << 20
)

// maxTasks is the most tasks a run of spec's chunks is cut into.
func maxTasks(spec *Spec, workers int) int {
	return max(tasksPerWorker*workers, int(spec.InputBytes/taskBytes)+1)
}

// groupTasks cuts chunks (ascending) into at most about n tasks of
// consecutive chunks of near-equal counts, as np.array_split would; chunks
// that are not consecutive (a shard's) never share a task.
func groupTasks(spec *Spec, chunks []int, n int) []chunkTask {
	per := (len(chunks) + n - 1) / max(n, 1) // chunks per task, at most
	var tasks []chunkTask
	for len(chunks) > 0 {
		run := 1
		for run < len(chunks) && chunks[run] == chunks[0]+run {
			run++
		}
		for _, r := range split.ArraySplit(0, run, (run+per-1)/max(per, 1)) {
			first, last := chunks[r.Start], chunks[r.Stop-1]
			tasks = append(tasks, chunkTask{Chunk: first, Chunks: r.Len(), Range: split.Range{Start: spec.Chunks[first].Start, Stop: spec.Chunks[last].Stop}})
		}
		chunks = chunks[run:]
	}
	for i := range tasks {
		if tasks[i].Chunks == 1 {
			tasks[i].Chunks = 0 // the usual one-chunk task, as before
		}
	}
	return tasks
}

// removeTemps deletes unfinished part files of run id ("*": of any run);
// they are never merged.
func removeTemps(dir, id string) {
	tmps, _ := filepath.Glob(filepath.Join(dir, "*.tmp-"+id))
	for _, t := range tmps {
		os.Remove(t)
	}
}

// memoryUse reads the peak RSS of this process and of its workers.
func memoryUse(engine Engine, workerRSS int64) Memory {
	self := selfMaxRSSKiB()
	m := Memory{ParentMaxRSSKiB: self, WorkerMaxRSSKiB: workerRSS}
	if engine != EngineProcess {
		m.WorkerMaxRSSKiB = self // the workers are the parent's goroutines
	}
	return m
}

// executor runs chunks on one slot of the pool.
type executor interface {
	run(ctx context.Context, task chunkTask, ev events) (*partRecord, error)
	close()
}

// threadExec runs chunks in the calling goroutine.
type threadExec struct {
	comp    *computer
	timeout time.Duration // --task-timeout, 0 for none
}

// errChunkTimedOut is why a thread or serial chunk's context ends when it
// runs past --task-timeout.
var errChunkTimedOut = errors.New("the chunk ran past --task-timeout")

func (t *threadExec) run(ctx context.Context, task chunkTask, ev events) (rec *partRecord, err error) {
	if t.timeout > 0 {
		// A goroutine cannot be killed: the chunk stops at its next file
		// or batch of windows, then counts as timed out (and is retried,
		// like a process worker's).
		parent := ctx
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeoutCause(ctx, t.timeout, errChunkTimedOut)
		defer cancel()
		defer func() {
			if err != nil && parent.Err() == nil && errors.Is(context.Cause(ctx), errChunkTimedOut) {
				rec, err = nil, chunkErr(task, fmt.Errorf("%w after %v; the chunk was stopped", ErrTaskTimeout, t.timeout))
			}
		}()
	}
	defer func() {
		if p := recover(); p != nil {
			err = &permanentError{fmt.Errorf("%v (files %v): internal error: %v\n%s", task, task.Range, p, debug.Stack())}
		}
	}()
	rec, err = t.comp.run(ctx, task, ev)
	if err != nil && !errors.Is(err, ErrInput) && ctx.Err() == nil {
		err = &permanentError{chunkErr(task, err)}
	}
	return rec, err
}

// chunkErr names the chunk and its files in a failure that is not the
// input's fault (which names its file itself).
func chunkErr(task chunkTask, err error) error {
	return fmt.Errorf("%v (files %v): %w", task, task.Range, err)
}

// close releases the long table the worker kept open between tasks
// (which a worker gets in order, so that a compressed one is decompressed
// once, forward).
func (t *threadExec) close() { t.comp.reader.Release() }

// procExec keeps one worker process, replacing it after a failure.
type procExec struct {
	ctx    context.Context // the slot's: its worker processes live in it
	id     int
	pre    *prestart
	spec   *Spec
	cfg    *Config
	w      *procWorker
	maxRSS *atomic.Int64 // largest worker peak RSS of the run, KiB
	next   *chunkTask    // the task this slot runs after the current one
}

// setNext tells the executor which task the slot runs next (nil: none
// known), so that the worker can have it before it finishes this one.
func (p *procExec) setNext(t *chunkTask) { p.next = t }

// retire stops the current worker and records its peak memory.
func (p *procExec) retire() {
	p.w.stop()
	raiseMax(p.maxRSS, p.w.maxRSS)
	p.w = nil
}

func (p *procExec) run(ctx context.Context, task chunkTask, ev events) (*partRecord, error) {
	if p.w == nil {
		// A prestarted worker that failed to start is this attempt's
		// failure, as a fresh one's would be; one that started but died
		// while the run planned is replaced by a fresh one.
		if w, err, ok := p.pre.take(ctx, p.id-1); ok {
			if err != nil {
				return nil, err
			}
			if w.sendSpec(p.spec) == nil {
				p.w = w
			}
		}
	}
	if p.w == nil {
		// The slot's context, not the task's: the process outlives the task.
		w, err := startWorker(p.ctx, p.id, p.cfg, p.spec)
		if err != nil {
			return nil, err
		}
		p.w = w
	}
	rec, err := p.w.run(ctx, task, p.next, ev, p.cfg.TaskTimeout)
	var we *workerError
	if errors.As(err, &we) || ctx.Err() != nil {
		p.retire()
	}
	return rec, err
}

func (p *procExec) close() {
	if p.w != nil {
		p.retire()
	}
}

// retryable reports whether a fresh worker may succeed where one failed.
func retryable(err error) bool {
	var we *workerError
	return errors.As(err, &we) || errors.Is(err, ErrTaskTimeout) || errors.Is(err, ErrStartTimeout) || errors.Is(err, ErrExitedEarly) || errors.Is(err, ErrBadHandshake)
}

func newExecutor(ctx context.Context, slot int, spec *Spec, cfg *Config, pre *prestart, maxRSS *atomic.Int64) (executor, error) {
	if len(cfg.ExternalCommand) > 0 {
		comp, err := newComputer(spec)
		if err != nil {
			return nil, err
		}
		return &extExec{ctx: ctx, id: slot + 1, spec: spec, cfg: cfg, starts: pre.ext, comp: comp, maxRSS: maxRSS}, nil
	}
	if cfg.Engine == EngineProcess {
		return &procExec{ctx: ctx, id: slot + 1, pre: pre, spec: spec, cfg: cfg, maxRSS: maxRSS}, nil
	}
	comp, err := newComputer(spec)
	if err != nil {
		return nil, err
	}
	if cfg.windowBatch > 0 {
		comp.windowBatch = cfg.windowBatch
	}
	if cfg.fileHook != nil {
		comp.fileHook = cfg.fileHook
	}
	return &threadExec{comp: comp, timeout: cfg.TaskTimeout}, nil
}

// runTask runs task on ex with up to cfg.Retries retries on fresh workers.
func runTask(ctx context.Context, ex executor, task chunkTask, cfg *Config, prog *progress) (*partRecord, error) {
	for attempt := 0; ; attempt++ {
		ev := prog.chunkEvents()
		rec, err := ex.run(ctx, task, ev)
		if err == nil {
			return rec, nil
		}
		ev.rollback()
		if ctx.Err() != nil || !retryable(err) || attempt >= cfg.Retries {
			if retryable(err) && attempt > 0 {
				return nil, fmt.Errorf("gave up after %d attempts: %w", attempt+1, err)
			}
			return nil, err
		}
		prog.warn(fmt.Sprintf("retrying: %v", err))
	}
}

// compute runs todo on the engine and feeds every record, reused or new,
// to the merger in chunk order. workerRSS receives the largest peak RSS of
// a worker process, KiB.
func compute(ctx context.Context, spec *Spec, cfg *Config, todo []chunkTask, reused []*partRecord, m sink, prog *progress, pre *prestart, workerRSS *atomic.Int64) error {
	for _, rec := range reused {
		if err := m.add(rec); err != nil {
			return err
		}
	}
	if cfg.Engine == EngineSerial {
		ex, err := newExecutor(ctx, 0, spec, cfg, pre, workerRSS)
		if err != nil {
			return err
		}
		defer ex.close()
		for _, task := range todo {
			rec, err := runTask(ctx, ex, task, cfg, prog)
			if err != nil {
				return err
			}
			if err := m.add(rec); err != nil {
				return err
			}
		}
		return nil
	}

	g, gctx := errgroup.WithContext(ctx)
	tasks := make(chan chunkTask, len(todo))
	for _, t := range todo {
		tasks <- t
	}
	close(tasks)
	results := make(chan *partRecord)
	workers := startedWorkers(cfg, len(todo))
	pre.release(workers) // prestarted workers no slot will use
	workers = max(workers, 1)
	fails := newLowestFailure()
	var wg sync.WaitGroup
	for slot := range workers {
		wg.Add(1)
		g.Go(func() error {
			defer wg.Done()
			ex, err := newExecutor(gctx, slot, spec, cfg, pre, workerRSS)
			if err != nil {
				return err
			}
			defer ex.close()
			ahead, _ := ex.(interface{ setNext(*chunkTask) })
			for task, ok := <-tasks; ok; {
				if gctx.Err() != nil {
					return gctx.Err()
				}
				tctx, run := fails.start(gctx, task.Chunk)
				if !run {
					return nil // a lower chunk failed; this slot's tasks are all higher
				}
				var next *chunkTask
				if ahead != nil {
					next = takeAhead(tasks, workers)
					ahead.setNext(next)
				}
				rec, err := runTask(tctx, ex, task, cfg, prog)
				stopped := tctx.Err() != nil // by a lower chunk's failure
				fails.end(task.Chunk)
				if err != nil {
					if gctx.Err() != nil {
						return gctx.Err()
					}
					if !stopped {
						fails.fail(task.Chunk, err)
					}
					return nil
				}
				select {
				case results <- rec:
				case <-gctx.Done():
					return gctx.Err()
				}
				if next != nil {
					task = *next
				} else {
					task, ok = <-tasks
				}
			}
			return nil
		})
	}
	go func() {
		wg.Wait()
		close(results)
	}()
	g.Go(func() error {
		for rec := range results {
			if err := m.add(rec); err != nil {
				return err
			}
		}
		return nil
	})
	if err := g.Wait(); err != nil {
		return err
	}
	return fails.err
}

// lowestFailure keeps the failure of the lowest chunk, so that a run
// reports the same failure however its chunks were scheduled: a failure
// stops the chunks after it at once, while those before it (taken earlier,
// as tasks go out in chunk order) finish and may fail lower.
type lowestFailure struct {
	mu      sync.Mutex
	chunk   int // the lowest failed chunk; math.MaxInt while none failed
	err     error
	running map[int]context.CancelFunc
}

func newLowestFailure() *lowestFailure {
	return &lowestFailure{chunk: math.MaxInt, running: map[int]context.CancelFunc{}}
}

// start returns the context to run chunk in, or false if a lower chunk
// failed already.
func (f *lowestFailure) start(ctx context.Context, chunk int) (context.Context, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if chunk > f.chunk {
		return nil, false
	}
	ctx, cancel := context.WithCancel(ctx)
	f.running[chunk] = cancel
	return ctx, true
}

// end releases the context of a chunk that start ran.
func (f *lowestFailure) end(chunk int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if cancel, ok := f.running[chunk]; ok {
		cancel()
		delete(f.running, chunk)
	}
}

// fail records chunk's failure and stops the running chunks above it.
func (f *lowestFailure) fail(chunk int, err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if chunk > f.chunk {
		return
	}
	f.chunk, f.err = chunk, err
	for c, cancel := range f.running {
		if c > chunk {
			cancel()
		}
	}
}
