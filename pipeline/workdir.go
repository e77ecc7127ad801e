package pipeline

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// PartsDirName is the work folder inside the output folder that holds
// the part files of unfinished and sharded runs.
const PartsDirName = "featurize-parts"

// partsMarker is the file that marks a parts folder as featurize's own:
// featurize uses and removes no folder without it.
const partsMarker = ".featurize-parts"

const partsMarkerText = "This folder holds featurize's part files; featurize made it and removes it.\n"

// ErrNotOurs reports a folder featurize will not use or remove because
// featurize did not make it.
var ErrNotOurs = errors.New("pipeline: not featurize's folder")

// partsFile matches the files featurize writes in a parts folder: parts,
// records, shard records and their temp files.
var partsFile = regexp.MustCompile(`^(part-\d{5,}\.(feature\.npy|target\.npy|groups\.npy|series\.npy|json)|shard-\d{4,}-of-\d{4,}\.json|\.shard-\d{4,}-of-\d{4,}\.json\.tmp-\d+)(\.tmp-[0-9a-f]+)?$`)

// checkPartsDir refuses a parts folder that exists but is not featurize's.
func checkPartsDir(dir string) error {
	fi, err := os.Stat(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !fi.IsDir() {
		return usageErr("%w: %s exists and is not a folder; featurize keeps its part files there: choose another {{OutDir}} or move it away", ErrNotOurs, dir)
	}
	if _, err := os.Stat(filepath.Join(dir, partsMarker)); err != nil {
		return usageErr("%w: %s exists but featurize did not make it (it has no %s file); featurize will neither use nor remove it: choose another {{OutDir}} or move the folder away", ErrNotOurs, dir, partsMarker)
	}
	return nil
}

// makePartsDir creates the parts folder with its marker, or checks that an
// existing one is featurize's.
func makePartsDir(dir string) error {
	if err := checkPartsDir(dir); err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	marker := filepath.Join(dir, partsMarker)
	if _, err := os.Stat(marker); err == nil {
		return nil
	}
	return os.WriteFile(marker, []byte(partsMarkerText), 0o644)
}

// removePartsDir removes the files featurize wrote in its parts folder,
// then the folder if nothing else is in it (a file of the user's stays,
// and so does the marker beside it). A folder without the marker is left
// alone.
func removePartsDir(dir string) error {
	if _, err := os.Stat(filepath.Join(dir, partsMarker)); err != nil {
		return nil
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	others := false
	for _, e := range entries {
		switch {
		case e.Name() == partsMarker:
		case e.Type().IsRegular() && partsFile.MatchString(e.Name()):
			if err := os.Remove(filepath.Join(dir, e.Name())); err != nil && !errors.Is(err, os.ErrNotExist) {
				return err
			}
		default:
			others = true
		}
	}
	if others {
		return nil
	}
	if err := os.Remove(filepath.Join(dir, partsMarker)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	if err := os.Remove(dir); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return nil
}

// within reports whether path is dir or lies inside it, comparing
// absolute, cleaned paths with symbolic links resolved where they exist.
func within(path, dir string) bool { return inside(realPath(path), realPath(dir)) }

// inside is within for paths realPath has already resolved.
func inside(p, d string) bool {
	if p == d {
		return true
	}
	rel, err := filepath.Rel(d, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// realPath is path made absolute, with the symbolic links of its longest
// existing prefix resolved.
func realPath(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return filepath.Clean(path)
	}
	rest := ""
	for p := abs; ; {
		if r, err := filepath.EvalSymlinks(p); err == nil {
			return filepath.Join(r, rest)
		}
		parent := filepath.Dir(p)
		if parent == p {
			return abs
		}
		rest = filepath.Join(filepath.Base(p), rest)
		p = parent
	}
}

// checkInputsOutside refuses inputs that lie inside the output's parts
// folder, which featurize clears.
func checkInputsOutside(partsDir string, inputs ...string) error {
	for _, in := range inputs {
		if in != "" && within(in, partsDir) {
			return usageErr("%w: the input %s lies inside %s, featurize's work folder for this {{OutDir}}, which it clears: move the input or choose another {{OutDir}}", ErrNotOurs, in, partsDir)
		}
	}
	return nil
}

// outputTemp matches the temp files of final outputs in the output folder.
var outputTemp = regexp.MustCompile(`^\.(feature|target|groups)\.(npy|txt)\.tmp-[0-9a-f]+$|^\.manifest\.json\.tmp-\d+$|^\.(series_rows\.npy|series_paths\.txt|series_ids\.txt|skipped\.jsonl|warnings\.jsonl|extra_columns\.jsonl)\.tmp-[0-9a-f]+$`)

// removeStaleTemps removes the temp outputs a killed earlier run left in
// dir. The caller holds dir's lock.
func removeStaleTemps(dir string) {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.Type().IsRegular() && outputTemp.MatchString(e.Name()) {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

// lockedError is ErrLocked naming the folder and the run that holds it.
type lockedError struct{ dir, holder string }

func (e *lockedError) Error() string {
	return fmt.Sprintf("pipeline: output folder %s is in use by another featurize run (%s)", e.dir, e.holder)
}

func (e *lockedError) Unwrap() error { return ErrLocked }
