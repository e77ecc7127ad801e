// Command npybench times one npyio operation on a rows x cols float64
// matrix and prints the seconds it took; benchmarks/npy_vs_txt.py runs it
// side by side with numpy.
//
//	npybench -op write-npy|read-npy|write-txt|read-txt -dir DIR [-rows R -cols C]
//
// write-npy makes DIR/go.npy from DIR/src.npy's values; read-* read DIR/go.*.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/featurize/featurize/npyio"
)

func main() {
	op := flag.String("op", "", "write-npy, read-npy, write-txt or read-txt")
	dir := flag.String("dir", ".", "working directory holding src.npy")
	flag.Parse()
	if err := run(*op, *dir); err != nil {
		fmt.Fprintln(os.Stderr, "npybench:", err)
		os.Exit(1)
	}
}

func run(op, dir string) error {
	src, err := npyio.ReadFile(filepath.Join(dir, "src.npy"))
	if err != nil {
		return err
	}
	vals, cols := src.Float64s(), src.Shape[1]
	var t0 time.Time
	switch op {
	case "write-npy":
		t0 = time.Now()
		w, err := npyio.Create(filepath.Join(dir, "go.npy"), npyio.Float64, cols)
		if err != nil {
			return err
		}
		for i := 0; i < len(vals); i += cols {
			if err := w.WriteRow(vals[i : i+cols]); err != nil {
				return err
			}
		}
		if err := w.Close(); err != nil { // fsyncs
			return err
		}
	case "write-txt":
		t0 = time.Now()
		f, err := os.Create(filepath.Join(dir, "go.txt"))
		if err != nil {
			return err
		}
		bw := bufio.NewWriterSize(f, 1<<20)
		tw := npyio.NewTextWriter(bw)
		for i := 0; i < len(vals); i += cols {
			if err := tw.WriteRow(vals[i : i+cols]); err != nil {
				return err
			}
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		if err := bw.Flush(); err != nil {
			return err
		}
		if err := f.Sync(); err != nil {
			return err
		}
		if err := f.Close(); err != nil {
			return err
		}
	case "read-npy":
		t0 = time.Now()
		a, err := npyio.ReadFile(filepath.Join(dir, "go.npy"))
		if err != nil {
			return err
		}
		if len(a.Float64s()) != len(vals) {
			return fmt.Errorf("read %d values; want %d", len(a.Float64s()), len(vals))
		}
	case "read-txt":
		t0 = time.Now()
		f, err := os.Open(filepath.Join(dir, "go.txt"))
		if err != nil {
			return err
		}
		defer f.Close()
		rows, err := npyio.ReadText(f, f.Name())
		if err != nil {
			return err
		}
		if len(rows)*cols != len(vals) {
			return fmt.Errorf("read %d rows; want %d", len(rows), len(vals)/cols)
		}
	default:
		return fmt.Errorf("unknown -op %q", op)
	}
	fmt.Printf("%.6f\n", time.Since(t0).Seconds())
	return nil
}
